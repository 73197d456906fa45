"""The results list: three lines per service (name; who runs it and how to get in; needs), fixed row height."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QAbstractItemView, QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from socialrx_desk.ui import style
from socialrx_desk.ui.models.results import ResultRole
from socialrx_desk.ui.models.rows import ResultRow

PADDING_X = 14
PADDING_Y = 9
LINE_GAP = 3


class ResultDelegate(QStyledItemDelegate):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._fonts: tuple[QFont, QFont, QFont] | None = None
        self._fonts_for: QFont | None = None

    def _font_set(self, base: QFont) -> tuple[QFont, QFont, QFont]:
        if self._fonts is None or self._fonts_for != base:
            name = QFont(base)
            name.setBold(True)
            name.setPointSizeF(base.pointSizeF() * 1.08)
            facts = QFont(base)
            needs = QFont(base)
            needs.setPointSizeF(base.pointSizeF() * 0.92)
            self._fonts = (name, facts, needs)
            self._fonts_for = QFont(base)
        return self._fonts

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        name, facts, needs = self._font_set(option.font)
        height = (
            QFontMetrics(name).height()
            + QFontMetrics(facts).height()
            + QFontMetrics(needs).height()
            + 2 * LINE_GAP
            + 2 * PADDING_Y
        )
        return QSize(200, height + 1)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        row = index.data(ResultRole.ROW)
        if not isinstance(row, ResultRow):
            return
        rect: QRect = option.rect
        state = option.state
        palette: QPalette = option.palette
        selected = bool(state & QStyle.StateFlag.State_Selected)
        active = bool(state & QStyle.StateFlag.State_Active)
        name_font, facts_font, needs_font = self._font_set(option.font)

        painter.save()
        if selected:
            group = QPalette.ColorGroup.Active if active else QPalette.ColorGroup.Inactive
            painter.fillRect(rect, palette.color(group, QPalette.ColorRole.Highlight))
            text = palette.color(group, QPalette.ColorRole.HighlightedText)
            muted = text
            accent = text
        else:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Base))
            text = palette.color(QPalette.ColorRole.Text)
            # A closed service says so in red on its second line, before the receptionist reads further.
            muted = QColor(style.ERROR if row.inactive else style.TEXT_MUTED)
            accent = QColor(style.ACCENT)
        if selected:
            # A bar on the left edge marks the chosen service even for people who cannot tell the colours apart.
            painter.fillRect(QRect(rect.left(), rect.top(), 5, rect.height()), QColor(style.ACCENT_DARK))
        painter.setPen(QColor(style.BACKGROUND) if not selected else QColor(style.ACCENT_DARK))
        painter.drawLine(rect.left(), rect.bottom(), rect.right(), rect.bottom())

        x = rect.left() + PADDING_X
        width = rect.width() - 2 * PADDING_X
        y = rect.top() + PADDING_Y
        for font, colour, line in (
            (name_font, text, row.name),
            (facts_font, muted, row.facts),
            (needs_font, accent, "  ·  ".join(row.need_labels)),
        ):
            metrics = QFontMetrics(font)
            painter.setFont(font)
            painter.setPen(colour)
            shown = metrics.elidedText(line, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(x, y, width, metrics.height()), Qt.AlignmentFlag.AlignVCenter, shown)
            y += metrics.height() + LINE_GAP
        painter.restore()


class ResultsView(QListView):
    """The list of services. Emits ``painted`` after each paint, so the typing benchmark can time the screen."""

    painted = Signal()
    opened = Signal(QModelIndex)  # Enter or double-click on a result

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("results")
        self.setAccessibleName("Search results")
        self.setItemDelegate(ResultDelegate(self))
        # Uniform rows let the view place thousands of rows without measuring each one.
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setMouseTracking(False)
        self.doubleClicked.connect(self.opened)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.opened.emit(self.currentIndex())
            return
        super().keyPressEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        self.painted.emit()
