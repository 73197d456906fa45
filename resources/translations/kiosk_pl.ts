<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="pl">
    <context>
        <name>BirthDateEntry</name>
        <message>
            <source>Day</source>
            <translation>Dzień</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Miesiąc</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Rok</translation>
        </message>
        <message>
            <source>DD</source>
            <translation>DD</translation>
        </message>
        <message>
            <source>MM</source>
            <translation>MM</translation>
        </message>
        <message>
            <source>YYYY</source>
            <translation>RRRR</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>How can we help you today?</source>
            <translation>Jak możemy Ci dzisiaj pomóc?</translation>
        </message>
        <message>
            <source>Touch the picture that fits best. You can change the language and the text size at the top.</source>
            <translation>Dotknij obrazka, który najlepiej pasuje. Na górze możesz zmienić język i wielkość tekstu.</translation>
        </message>
    </context>
    <context>
        <name>IdleWarning</name>
        <message>
            <source>Are you still there?</source>
            <translation>Czy nadal tu jesteś?</translation>
        </message>
        <message>
            <source>To keep your details private, this screen will clear in %1 seconds.</source>
            <translation>Aby chronić Twoje dane, ten ekran wyczyści się za %1 s.</translation>
        </message>
        <message>
            <source>I need more time</source>
            <translation>Potrzebuję więcej czasu</translation>
        </message>
    </context>
    <context>
        <name>Keypad</name>
        <message>
            <source>Delete</source>
            <translation>Usuń</translation>
        </message>
    </context>
    <context>
        <name>KioskAccess</name>
        <message>
            <source>You can ask for this help yourself.</source>
            <translation>Możesz sam(a) poprosić o tę pomoc.</translation>
        </message>
        <message>
            <source>You can just go along when it is open.</source>
            <translation>Możesz po prostu przyjść, kiedy jest otwarte.</translation>
        </message>
        <message>
            <source>You need an appointment. They can arrange it with you.</source>
            <translation>Potrzebna jest wizyta. Mogą ją z Tobą umówić.</translation>
        </message>
        <message>
            <source>You can join.</source>
            <translation>Możesz dołączyć.</translation>
        </message>
        <message>
            <source>Staff need to ask for you. The desk can do this.</source>
            <translation>Pracownik musi poprosić w Twoim imieniu. Może to zrobić recepcja.</translation>
        </message>
        <message>
            <source>Closed for now.</source>
            <translation>Na razie zamknięte.</translation>
        </message>
    </context>
    <context>
        <name>KioskHelp</name>
        <message>
            <source>Please phone me to talk about it</source>
            <translation>Proszę do mnie zadzwonić, żeby o tym porozmawiać</translation>
        </message>
        <message>
            <source>A visit at home</source>
            <translation>Wizyta w domu</translation>
        </message>
        <message>
            <source>Help filling in forms</source>
            <translation>Pomoc w wypełnianiu formularzy</translation>
        </message>
        <message>
            <source>Someone who speaks my language</source>
            <translation>Ktoś, kto mówi w moim języku</translation>
        </message>
        <message>
            <source>Information I can take home</source>
            <translation>Informacje, które mogę zabrać do domu</translation>
        </message>
        <message>
            <source>I am not sure what I need</source>
            <translation>Nie wiem dokładnie, czego potrzebuję</translation>
        </message>
    </context>
    <context>
        <name>KioskTiles</name>
        <message>
            <source>Money worries</source>
            <translation>Kłopoty z pieniędzmi</translation>
        </message>
        <message>
            <source>Help at home</source>
            <translation>Pomoc w domu</translation>
        </message>
        <message>
            <source>Feeling lonely</source>
            <translation>Samotność</translation>
        </message>
        <message>
            <source>Getting out and about</source>
            <translation>Wychodzenie z domu</translation>
        </message>
        <message>
            <source>Cold or damp home</source>
            <translation>Zimny lub wilgotny dom</translation>
        </message>
        <message>
            <source>Mood and wellbeing</source>
            <translation>Samopoczucie</translation>
        </message>
        <message>
            <source>Looking after someone</source>
            <translation>Opieka nad kimś</translation>
        </message>
        <message>
            <source>Healthy living</source>
            <translation>Zdrowe życie</translation>
        </message>
        <message>
            <source>Somewhere to live</source>
            <translation>Mieszkanie</translation>
        </message>
        <message>
            <source>Something else</source>
            <translation>Coś innego</translation>
        </message>
    </context>
    <context>
        <name>KioskWindow</name>
        <message>
            <source>Sorry, this did not load. Please try again, or ask at the desk.</source>
            <translation>Przepraszamy, nie udało się tego wczytać. Spróbuj ponownie lub zapytaj w recepcji.</translation>
        </message>
        <message>
            <source>Nothing was sent. What you typed has been cleared.</source>
            <translation>Nic nie zostało wysłane. To, co wpisano, zostało usunięte.</translation>
        </message>
        <message>
            <source>Demo: the PIN is %1.</source>
            <translation>Demo: PIN to %1.</translation>
        </message>
        <message>
            <source>No staff PIN is set on this computer. Set one with: socialrx-desk kiosk set-pin</source>
            <translation>Na tym komputerze nie ustawiono PIN-u personelu. Ustaw go poleceniem: socialrx-desk kiosk set-pin</translation>
        </message>
        <message>
            <source>Too many wrong tries. Please wait a minute and try again.</source>
            <translation>Zbyt wiele błędnych prób. Odczekaj minutę i spróbuj ponownie.</translation>
        </message>
        <message>
            <source>That PIN is not right. Please try again.</source>
            <translation>Ten PIN jest nieprawidłowy. Spróbuj ponownie.</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Włączone</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Wyłączone</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Wstecz</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Język</translation>
        </message>
        <message>
            <source>Bigger text</source>
            <translation>Większy tekst</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Wysoki kontrast</translation>
        </message>
        <message>
            <source>Read aloud</source>
            <translation>Czytaj na głos</translation>
        </message>
        <message>
            <source>Staff only: hold for three seconds</source>
            <translation>Tylko dla personelu: przytrzymaj trzy sekundy</translation>
        </message>
        <message>
            <source>Scroll up or down</source>
            <translation>Przewiń w górę lub w dół</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Choose your language</source>
            <translation>Wybierz swój język</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Zamknij</translation>
        </message>
    </context>
    <context>
        <name>PhoneEntry</name>
        <message>
            <source>Phone number</source>
            <translation>Numer telefonu</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <source>Staff only</source>
            <translation>Tylko dla personelu</translation>
        </message>
        <message>
            <source>Type the staff PIN to leave the kiosk.</source>
            <translation>Wpisz PIN personelu, aby zamknąć kiosk.</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>PIN personelu</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Odblokuj</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Anuluj</translation>
        </message>
    </context>
    <context>
        <name>ReferralFlow</name>
        <message>
            <source>Please type the day, the month and all 4 numbers of the year.</source>
            <translation>Wpisz dzień, miesiąc i wszystkie 4 cyfry roku.</translation>
        </message>
        <message>
            <source>This date does not exist. Please check the day and the month.</source>
            <translation>Taka data nie istnieje. Sprawdź dzień i miesiąc.</translation>
        </message>
        <message>
            <source>This date is in the future. Please check the year.</source>
            <translation>Ta data jest w przyszłości. Sprawdź rok.</translation>
        </message>
        <message>
            <source>Please check the year.</source>
            <translation>Sprawdź rok.</translation>
        </message>
        <message>
            <source>Please type your phone number. They need it to contact you.</source>
            <translation>Wpisz swój numer telefonu. Jest potrzebny, żeby się z Tobą skontaktować.</translation>
        </message>
        <message>
            <source>A phone number starts with 0 and has 10 or 11 numbers.</source>
            <translation>Numer telefonu zaczyna się od 0 i ma 10 lub 11 cyfr.</translation>
        </message>
        <message>
            <source>Please type your name.</source>
            <translation>Wpisz swoje imię i nazwisko.</translation>
        </message>
        <message>
            <source>Please check this answer.</source>
            <translation>Sprawdź tę odpowiedź.</translation>
        </message>
        <message>
            <source>Something in your answers could not be used. Please check them.</source>
            <translation>Części odpowiedzi nie można użyć. Sprawdź je.</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>Wybrane</translation>
        </message>
        <message>
            <source>Not chosen</source>
            <translation>Niewybrane</translation>
        </message>
        <message>
            <source>Question %1 of %2</source>
            <translation>Pytanie %1 z %2</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Dalej</translation>
        </message>
        <message>
            <source>What is your name?</source>
            <translation>Jak się nazywasz?</translation>
        </message>
        <message>
            <source>Type your first name and your surname.</source>
            <translation>Wpisz imię i nazwisko.</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Imię i nazwisko</translation>
        </message>
        <message>
            <source>When were you born?</source>
            <translation>Kiedy się urodziłeś/urodziłaś?</translation>
        </message>
        <message>
            <source>Use the numbers to type the day, the month and the year.</source>
            <translation>Użyj cyfr, aby wpisać dzień, miesiąc i rok.</translation>
        </message>
        <message>
            <source>What is your phone number?</source>
            <translation>Jaki jest Twój numer telefonu?</translation>
        </message>
        <message>
            <source>They will phone you on this number. Use the numbers below.</source>
            <translation>Zadzwonią na ten numer. Użyj cyfr poniżej.</translation>
        </message>
        <message>
            <source>What would help you?</source>
            <translation>Co by Ci pomogło?</translation>
        </message>
        <message>
            <source>Choose any that fit, or none. You can also type something in your own words.</source>
            <translation>Wybierz to, co pasuje, albo nic. Możesz też coś napisać własnymi słowami.</translation>
        </message>
        <message>
            <source>Something else (you can type here):</source>
            <translation>Coś innego (możesz tu wpisać):</translation>
        </message>
        <message>
            <source>Something else, in your own words</source>
            <translation>Coś innego, własnymi słowami</translation>
        </message>
        <message>
            <source>Is it OK to send your details?</source>
            <translation>Czy możemy wysłać Twoje dane?</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to the desk team at this surgery. They will book “%1” for you and phone you.</source>
            <translation>Wyślemy Twoje imię i nazwisko, datę urodzenia, numer telefonu i Twój wybór do recepcji tej przychodni. Umówią dla Ciebie „%1” i zadzwonią do Ciebie.</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to “%1”.</source>
            <translation>Wyślemy Twoje imię i nazwisko, datę urodzenia, numer telefonu i Twój wybór do: „%1”.</translation>
        </message>
        <message>
            <source>They will only use it to contact you about this help. Nothing is kept on this screen.</source>
            <translation>Użyją ich tylko po to, żeby skontaktować się z Tobą w sprawie tej pomocy. Na tym ekranie nic nie zostaje.</translation>
        </message>
        <message>
            <source>Yes, send my details</source>
            <translation>Tak, wyślij moje dane</translation>
        </message>
        <message>
            <source>No, do not send</source>
            <translation>Nie, nie wysyłaj</translation>
        </message>
    </context>
    <context>
        <name>ResultScreen</name>
        <message>
            <source>Thank you. Your request is saved.</source>
            <translation>Dziękujemy. Twoja prośba jest zapisana.</translation>
        </message>
        <message>
            <source>We are sending it now. Please wait a moment…</source>
            <translation>Teraz ją wysyłamy. Proszę chwilę poczekać…</translation>
        </message>
        <message>
            <source>Thank you. Your request has been sent.</source>
            <translation>Dziękujemy. Twoja prośba została wysłana.</translation>
        </message>
        <message>
            <source>It has been passed on. You do not need to do anything else.</source>
            <translation>Została przekazana dalej. Nie musisz nic więcej robić.</translation>
        </message>
        <message>
            <source>There is no connection right now, so it has not been sent yet. It will be sent by itself as soon as the connection is back. You do not need to do anything else.</source>
            <translation>W tej chwili nie ma połączenia, więc prośba nie została jeszcze wysłana. Wyśle się sama, gdy tylko połączenie wróci. Nie musisz nic więcej robić.</translation>
        </message>
        <message>
            <source>Sorry, that did not work.</source>
            <translation>Przepraszamy, to się nie udało.</translation>
        </message>
        <message>
            <source>Your request was not saved and nothing was sent. Please try again, or ask at the desk.</source>
            <translation>Twoja prośba nie została zapisana i nic nie wysłano. Spróbuj ponownie lub zapytaj w recepcji.</translation>
        </message>
        <message>
            <source>The desk team will book “%1” for you and phone you. You can also talk to them today.</source>
            <translation>Recepcja umówi dla Ciebie „%1” i zadzwoni do Ciebie. Możesz też porozmawiać z nimi dzisiaj.</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>„%1” zadzwoni do Ciebie na podany numer.</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>Twój numer sprawy</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>Podaj ten numer, gdy do nich zadzwonisz albo zapytasz w recepcji.</translation>
        </message>
        <message>
            <source>Your slip is printing. Please take it from the printer.</source>
            <translation>Kartka się drukuje. Weź ją z drukarki.</translation>
        </message>
        <message>
            <source>Your slip has been printed. Please take it from the printer.</source>
            <translation>Kartka została wydrukowana. Weź ją z drukarki.</translation>
        </message>
        <message>
            <source>The slip could not be printed. Please write the number down, or ask at the desk.</source>
            <translation>Nie udało się wydrukować kartki. Zapisz numer albo zapytaj w recepcji.</translation>
        </message>
        <message>
            <source>Print a slip with this number</source>
            <translation>Wydrukuj kartkę z tym numerem</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Spróbuj ponownie</translation>
        </message>
        <message>
            <source>Finish and clear my details</source>
            <translation>Zakończ i usuń moje dane</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>This service is no longer listed.</source>
            <translation>Tej usługi nie ma już na liście.</translation>
        </message>
        <message>
            <source>Run by %1</source>
            <translation>Prowadzi: %1</translation>
        </message>
        <message>
            <source>The name and description of this service are in English, as the service wrote them.</source>
            <translation>Nazwa i opis tej usługi są po angielsku, tak jak napisała je usługa.</translation>
        </message>
        <message>
            <source>This service is closed for now. The desk can tell you what else may help.</source>
            <translation>Ta usługa jest na razie zamknięta. W recepcji powiedzą Ci, co jeszcze może pomóc.</translation>
        </message>
        <message>
            <source>What it is</source>
            <translation>Co to jest</translation>
        </message>
        <message>
            <source>No description was given.</source>
            <translation>Nie podano opisu.</translation>
        </message>
        <message>
            <source>Who it is for</source>
            <translation>Dla kogo</translation>
        </message>
        <message>
            <source>What happens next</source>
            <translation>Co dalej</translation>
        </message>
        <message>
            <source>When it is open</source>
            <translation>Kiedy jest otwarte</translation>
        </message>
        <message>
            <source>Where and how to contact them</source>
            <translation>Gdzie i jak się z nimi skontaktować</translation>
        </message>
        <message>
            <source>Ask them to contact me</source>
            <translation>Poproś, żeby się ze mną skontaktowali</translation>
        </message>
        <message>
            <source>Ask the desk to book this for me</source>
            <translation>Poproś recepcję, żeby to dla mnie umówiła</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>Telefon: %1</translation>
        </message>
        <message>
            <source>For people aged %1 to %2.</source>
            <translation>Dla osób w wieku od %1 do %2 lat.</translation>
        </message>
        <message>
            <source>For people aged %1 or over.</source>
            <translation>Dla osób w wieku %1 lat i starszych.</translation>
        </message>
        <message>
            <source>For people aged %1 or under.</source>
            <translation>Dla osób w wieku do %1 lat.</translation>
        </message>
        <message>
            <source>The service says: %1</source>
            <translation>Usługa podaje: %1</translation>
        </message>
        <message>
            <source>Anyone can use it.</source>
            <translation>Każdy może z niej skorzystać.</translation>
        </message>
        <message>
            <source>Press “Ask the desk to book this for me”. The desk team will phone you about what else may help.</source>
            <translation>Naciśnij „Poproś recepcję, żeby to dla mnie umówiła”. Recepcja zadzwoni do Ciebie w sprawie innej pomocy.</translation>
        </message>
        <message>
            <source>Press “Ask them to contact me” and leave your name and phone number. They will phone you.</source>
            <translation>Naciśnij „Poproś, żeby się ze mną skontaktowali” i zostaw imię, nazwisko i numer telefonu. Zadzwonią do Ciebie.</translation>
        </message>
        <message>
            <source>Staff need to ask this service for you. Press “Ask the desk to book this for me” and the desk team will do it and phone you.</source>
            <translation>Pracownik musi zgłosić Cię do tej usługi. Naciśnij „Poproś recepcję, żeby to dla mnie umówiła”, a recepcja to zrobi i do Ciebie zadzwoni.</translation>
        </message>
        <message>
            <source>You can also just go along when it is open.</source>
            <translation>Możesz też po prostu przyjść, kiedy jest otwarte.</translation>
        </message>
        <message>
            <source>%1 to %2</source>
            <translation>%1 do %2</translation>
        </message>
        <message>
            <source>Next open:</source>
            <translation>Najbliższe otwarcie:</translation>
        </message>
        <message>
            <source>Opening times are not listed. Please ask at the desk.</source>
            <translation>Godziny otwarcia nie są podane. Zapytaj w recepcji.</translation>
        </message>
    </context>
    <context>
        <name>ServicesScreen</name>
        <message>
            <source>Looking for help near you…</source>
            <translation>Szukamy pomocy w pobliżu…</translation>
        </message>
        <message>
            <source>These places can help. Touch one to find out more.</source>
            <translation>Te miejsca mogą pomóc. Dotknij jednego, aby dowiedzieć się więcej.</translation>
        </message>
        <message>
            <source>We could not find help for this on this screen. Please ask at the desk.</source>
            <translation>Nie znaleźliśmy tu pomocy w tej sprawie. Zapytaj w recepcji.</translation>
        </message>
        <message>
            <source>The names and details of services are in English, as the services wrote them.</source>
            <translation>Nazwy i opisy usług są po angielsku, tak jak napisały je usługi.</translation>
        </message>
    </context>
    <context>
        <name>Slip</name>
        <message>
            <source>The desk team will book “%1” for you and phone you.</source>
            <translation>Recepcja umówi dla Ciebie „%1” i zadzwoni do Ciebie.</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>„%1” zadzwoni do Ciebie na podany numer.</translation>
        </message>
        <message>
            <source>Your request has been sent.</source>
            <translation>Twoja prośba została wysłana.</translation>
        </message>
        <message>
            <source>Your request is saved and will be sent as soon as the connection is back.</source>
            <translation>Twoja prośba jest zapisana i zostanie wysłana, gdy tylko wróci połączenie.</translation>
        </message>
        <message>
            <source>Your request for help</source>
            <translation>Twoja prośba o pomoc</translation>
        </message>
        <message>
            <source>Service:</source>
            <translation>Usługa:</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>Twój numer sprawy</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>Podaj ten numer, gdy do nich zadzwonisz albo zapytasz w recepcji.</translation>
        </message>
    </context>
    <context>
        <name>UnavailableScreen</name>
        <message>
            <source>Sorry, this screen is not working right now.</source>
            <translation>Przepraszamy, ten ekran teraz nie działa.</translation>
        </message>
        <message>
            <source>Please ask at the desk. They can help you in the same way.</source>
            <translation>Zapytaj w recepcji. Tam pomogą Ci tak samo.</translation>
        </message>
    </context>
</TS>
