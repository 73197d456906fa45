"""Building blocks of the kiosk screens: large wrapped labels, big touch buttons, touch-scrolled pages.

Buttons never rely on QPushButton's own text, which Qt cannot wrap: a translated label may be twice as long as the
English one, so every button carries a word-wrapping label inside it and grows to fit.
"""

from __future__ import annotations

import unicodedata

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from socialrx_desk.ui.kiosk import theme

# At least WCAG's 44 px, and bigger: unsteady hands and a screen at arm's length.
MIN_TARGET = 72
MIRRORED = {"back": "forward", "forward": "back"}


def set_role(widget: QWidget, role: str) -> None:
    widget.setProperty("role", role)


class Label(QLabel):
    """Text that wraps; its accessible name follows its text."""

    def __init__(self, text: str = "", role: str = "body", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, role)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.set_text(text)

    def set_text(self, text: str) -> None:
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text) or self.property("keep") is True)


class IconLabel(QLabel):
    """A pictogram drawn in the mode's icon colour; purely decorative, so screen readers skip it."""

    def __init__(self, name: str, size: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.size_px = size
        self.colour = theme.NORMAL.icon
        set_role(self, "icon")
        self.setFixedSize(size, size)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("")
        self.setAccessibleDescription("")
        self.repaint_icon()

    def set_icon(self, name: str) -> None:
        self.name = name
        self.repaint_icon()

    def set_colour(self, colour: str) -> None:
        if colour != self.colour:
            self.colour = colour
            self.repaint_icon()

    def repaint_icon(self) -> None:
        name = self.name
        if self.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            name = MIRRORED.get(name, name)  # "back" points the way the page turns: right in Arabic and Urdu
        self.setPixmap(theme.pixmap(name, self.size_px, self.colour, self.devicePixelRatioF()))


class BigButton(QPushButton):
    """A touch button whose words wrap; ``icon`` above (``vertical``) or before the text."""

    def __init__(
        self,
        text: str = "",
        role: str = "secondary",
        icon: str | None = None,
        icon_size: int = 40,
        vertical: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        set_role(self, role)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a touch must not leave a focus ring behind
        self.setMinimumSize(MIN_TARGET, MIN_TARGET)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        box: QBoxLayout = QVBoxLayout(self) if vertical else QHBoxLayout(self)
        box.setContentsMargins(18, 12, 18, 12)
        box.setSpacing(12 if vertical else 14)
        self.icon_label: IconLabel | None = None
        if icon is not None:
            self.icon_label = IconLabel(icon, icon_size, self)
            box.addWidget(
                self.icon_label, 0, Qt.AlignmentFlag.AlignHCenter if vertical else Qt.AlignmentFlag.AlignVCenter
            )
        self.label = QLabel(self)
        set_role(self.label, f"{role}-text")
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.label.setAlignment(
            Qt.AlignmentFlag.AlignCenter if vertical else Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading
        )
        box.addWidget(self.label, 1)
        self.set_text(text)
        # Stylesheet rules cannot select on an ancestor's pseudo-state (":checked QLabel"), only on its
        # properties, which are read when polished: re-polish so the label follows the button's state.
        self.toggled.connect(lambda _on: repolish(self))

    def set_text(self, text: str, description: str = "") -> None:
        self.label.setText(text)
        self.setAccessibleName(text)
        self.setAccessibleDescription(description)
        self.setToolTip("")
        self.updateGeometry()

    def text_shown(self) -> str:
        return self.label.text()

    def sizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.sizeHint() if layout is not None else super().sizeHint()
        return hint.expandedTo(QSize(MIN_TARGET, MIN_TARGET))

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        hint = layout.minimumSize() if layout is not None else super().minimumSizeHint()
        return hint.expandedTo(QSize(MIN_TARGET, MIN_TARGET))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        height = layout.totalHeightForWidth(width) if layout is not None else super().heightForWidth(width)
        return max(MIN_TARGET, height)


class Panel(QFrame):
    """A card or box with its own background (the stylesheet picks it by ``role``)."""

    def __init__(self, role: str = "panel", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, role)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)


class Footer(Panel):
    """A bar under a scrolling page that holds the screen's main actions, so they never scroll out of reach."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("footer", parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(40, 14, 40, 14)
        self.row.setSpacing(20)


class _PageBody(QWidget):
    """The scrolled content. Its minimum height is what its wrapped text needs *at the page's width*: Qt would
    otherwise size it for the narrowest possible width, make it far too tall and show a scroll bar on every page."""

    def _width(self) -> int:
        parent = self.parentWidget()
        return parent.width() if parent is not None else self.width()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        if layout is None or not layout.hasHeightForWidth():
            return super().minimumSizeHint()
        return QSize(layout.totalMinimumSize().width(), layout.totalHeightForWidth(self._width()))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()


class ScrollPage(QScrollArea):
    """A page that scrolls by dragging a finger, for content taller than the screen (large text, long lists)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        set_role(self, "page")
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body = _PageBody()
        set_role(self.body, "page-body")
        self.body.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(40, 20, 40, 24)
        self.column.setSpacing(16)
        self.setWidget(self.body)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        # Hand a touch to the button under the finger at once; by default Qt holds it back a quarter of a second
        # to see whether it becomes a drag, which makes every key feel slow.
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.2)
        scroller.setScrollerProperties(properties)
        self.verticalScrollBar().setAccessibleName("Scroll")

    def to_top(self) -> None:
        self.verticalScrollBar().setValue(0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.body.updateGeometry()  # a new width means a new height for the wrapped text


def scroll_page(owner: QWidget) -> tuple[ScrollPage, QVBoxLayout]:
    """A full-bleed scrolling page filling ``owner``; the layout takes footers under it."""
    page = ScrollPage(owner)
    outer = QVBoxLayout(owner)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(page)
    return page, outer


def repolish(widget: QWidget) -> None:
    """Re-apply the stylesheet after a property the rules select on has changed (children included, for rules
    such as ``QPushButton[current="true"] QLabel``)."""
    for each in [widget, *widget.findChildren(QWidget)]:
        style = each.style()
        style.unpolish(each)
        style.polish(each)
        each.update()


def wipe_text(field: QLineEdit) -> None:
    """Empty a field *and* its undo history: clear() alone lets Ctrl+Z bring the last person's words back."""
    field.setText("")
    field.setModified(False)


def isolate(text: str) -> str:
    """Directory text (English) placed inside a translated sentence keeps its own direction, so the brackets and
    quotes around an English name stay right in an Arabic or Urdu sentence. Qt's layout does not honour the
    Unicode isolates (FSI/PDI), so the name is embedded (LRE or RLE ... PDF) in the direction of its first
    strong letter, and closed by a mark of that direction so a final bracket stays with the name."""
    if not text:
        return text
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return f"\u202b{text}\u200f\u202c"
        if kind == "L":
            break
    return f"\u202a{text}\u200e\u202c"
