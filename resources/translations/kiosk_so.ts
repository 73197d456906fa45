<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="so">
    <context>
        <name>BirthDateEntry</name>
        <message>
            <source>Day</source>
            <translation>Maalinta</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>Bisha</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>Sanadka</translation>
        </message>
        <message>
            <source>DD</source>
            <translation>MM</translation>
        </message>
        <message>
            <source>MM</source>
            <translation>BB</translation>
        </message>
        <message>
            <source>YYYY</source>
            <translation>SSSS</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>How can we help you today?</source>
            <translation>Sideen kuu caawin karnaa maanta?</translation>
        </message>
        <message>
            <source>Touch the picture that fits best. You can change the language and the text size at the top.</source>
            <translation>Taabo sawirka sida ugu fiican kuugu habboon. Xagga sare waxaad ka beddeli kartaa luqadda iyo cabbirka qoraalka.</translation>
        </message>
    </context>
    <context>
        <name>IdleWarning</name>
        <message>
            <source>Are you still there?</source>
            <translation>Weli ma joogtaa?</translation>
        </message>
        <message>
            <source>To keep your details private, this screen will clear in %1 seconds.</source>
            <translation>Si xogtaada loo ilaaliyo, shaashaddan waa la tirtiri doonaa %1 ilbiriqsi kadib.</translation>
        </message>
        <message>
            <source>I need more time</source>
            <translation>Waqti dheeraad ah ayaan u baahanahay</translation>
        </message>
    </context>
    <context>
        <name>Keypad</name>
        <message>
            <source>Delete</source>
            <translation>Tirtir</translation>
        </message>
    </context>
    <context>
        <name>KioskAccess</name>
        <message>
            <source>You can ask for this help yourself.</source>
            <translation>Adiga ayaa codsan kara caawimadan.</translation>
        </message>
        <message>
            <source>You can just go along when it is open.</source>
            <translation>Waad tegi kartaa marka uu furan yahay.</translation>
        </message>
        <message>
            <source>You need an appointment. They can arrange it with you.</source>
            <translation>Ballan ayaad u baahan tahay. Iyaga ayaa kula samayn kara.</translation>
        </message>
        <message>
            <source>You can join.</source>
            <translation>Waad ku biiri kartaa.</translation>
        </message>
        <message>
            <source>Staff need to ask for you. The desk can do this.</source>
            <translation>Shaqaale ayaa kuu codsan kara. Miiska soo dhaweynta ayaa tan samayn kara.</translation>
        </message>
        <message>
            <source>Closed for now.</source>
            <translation>Hadda waa xiran yahay.</translation>
        </message>
    </context>
    <context>
        <name>KioskHelp</name>
        <message>
            <source>Please phone me to talk about it</source>
            <translation>Fadlan ii soo wac si aan uga hadalno</translation>
        </message>
        <message>
            <source>A visit at home</source>
            <translation>Booqasho guriga ah</translation>
        </message>
        <message>
            <source>Help filling in forms</source>
            <translation>Caawimaad buuxinta foomamka</translation>
        </message>
        <message>
            <source>Someone who speaks my language</source>
            <translation>Qof ku hadla luqaddayda</translation>
        </message>
        <message>
            <source>Information I can take home</source>
            <translation>Macluumaad aan guriga u qaadan karo</translation>
        </message>
        <message>
            <source>I am not sure what I need</source>
            <translation>Ma hubo waxa aan u baahanahay</translation>
        </message>
    </context>
    <context>
        <name>KioskTiles</name>
        <message>
            <source>Money worries</source>
            <translation>Walaac lacageed</translation>
        </message>
        <message>
            <source>Help at home</source>
            <translation>Caawimaad guriga</translation>
        </message>
        <message>
            <source>Feeling lonely</source>
            <translation>Kelinimo</translation>
        </message>
        <message>
            <source>Getting out and about</source>
            <translation>Banaanka u bixidda</translation>
        </message>
        <message>
            <source>Cold or damp home</source>
            <translation>Guri qabow ama qoyan</translation>
        </message>
        <message>
            <source>Mood and wellbeing</source>
            <translation>Niyadda iyo caafimaadka</translation>
        </message>
        <message>
            <source>Looking after someone</source>
            <translation>Daryeelka qof kale</translation>
        </message>
        <message>
            <source>Healthy living</source>
            <translation>Nolol caafimaad leh</translation>
        </message>
        <message>
            <source>Somewhere to live</source>
            <translation>Meel lagu noolaado</translation>
        </message>
        <message>
            <source>Something else</source>
            <translation>Wax kale</translation>
        </message>
    </context>
    <context>
        <name>KioskWindow</name>
        <message>
            <source>Sorry, this did not load. Please try again, or ask at the desk.</source>
            <translation>Waan ka xunnahay, lama soo rarin. Mar kale isku day, ama weydii miiska soo dhaweynta.</translation>
        </message>
        <message>
            <source>Nothing was sent. What you typed has been cleared.</source>
            <translation>Waxba lama dirin. Wixii aad qortay waa la tirtiray.</translation>
        </message>
        <message>
            <source>Demo: the PIN is %1.</source>
            <translation>Tijaabo: PIN-ku waa %1.</translation>
        </message>
        <message>
            <source>No staff PIN is set on this computer. Set one with: socialrx-desk kiosk set-pin</source>
            <translation>Kombuyuutarkan lama dhigin PIN shaqaale. Ku dhig: socialrx-desk kiosk set-pin</translation>
        </message>
        <message>
            <source>Too many wrong tries. Please wait a minute and try again.</source>
            <translation>Isku dayo khaldan oo badan. Fadlan sug hal daqiiqo oo mar kale isku day.</translation>
        </message>
        <message>
            <source>That PIN is not right. Please try again.</source>
            <translation>PIN-kaasi sax maaha. Fadlan mar kale isku day.</translation>
        </message>
        <message>
            <source>On</source>
            <translation>Shidan</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>Dansan</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>Bilow</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Dib u noqo</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>Luqadda</translation>
        </message>
        <message>
            <source>Bigger text</source>
            <translation>Qoraal weyn</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>Midab cad</translation>
        </message>
        <message>
            <source>Read aloud</source>
            <translation>Kor u akhri</translation>
        </message>
        <message>
            <source>Staff only: hold for three seconds</source>
            <translation>Shaqaalaha oo keliya: hay saddex ilbiriqsi</translation>
        </message>
        <message>
            <source>Scroll up or down</source>
            <translation>Kor ama hoos u dhaqaaji</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Choose your language</source>
            <translation>Dooro luqaddaada</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Xir</translation>
        </message>
    </context>
    <context>
        <name>PhoneEntry</name>
        <message>
            <source>Phone number</source>
            <translation>Lambarka taleefanka</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <source>Staff only</source>
            <translation>Shaqaalaha oo keliya</translation>
        </message>
        <message>
            <source>Type the staff PIN to leave the kiosk.</source>
            <translation>Qor PIN-ka shaqaalaha si aad uga baxdo kiosk-ga.</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>PIN-ka shaqaalaha</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>Fur</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Ka noqo</translation>
        </message>
    </context>
    <context>
        <name>ReferralFlow</name>
        <message>
            <source>Please type the day, the month and all 4 numbers of the year.</source>
            <translation>Fadlan qor maalinta, bisha iyo 4-ta lambar ee sanadka.</translation>
        </message>
        <message>
            <source>This date does not exist. Please check the day and the month.</source>
            <translation>Taariikhdan ma jirto. Fadlan hubi maalinta iyo bisha.</translation>
        </message>
        <message>
            <source>This date is in the future. Please check the year.</source>
            <translation>Taariikhdani waa mustaqbalka. Fadlan hubi sanadka.</translation>
        </message>
        <message>
            <source>Please check the year.</source>
            <translation>Fadlan hubi sanadka.</translation>
        </message>
        <message>
            <source>Please type your phone number. They need it to contact you.</source>
            <translation>Fadlan qor lambarkaaga taleefanka. Waxay u baahan yihiin si ay kuula soo xiriiraan.</translation>
        </message>
        <message>
            <source>A phone number starts with 0 and has 10 or 11 numbers.</source>
            <translation>Lambarka taleefanku wuxuu ku bilaabmaa 0 wuxuuna leeyahay 10 ama 11 lambar.</translation>
        </message>
        <message>
            <source>Please type your name.</source>
            <translation>Fadlan qor magacaaga.</translation>
        </message>
        <message>
            <source>Please check this answer.</source>
            <translation>Fadlan hubi jawaabtan.</translation>
        </message>
        <message>
            <source>Something in your answers could not be used. Please check them.</source>
            <translation>Wax ka mid ah jawaabahaaga lama isticmaali karo. Fadlan hubi.</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>La doortay</translation>
        </message>
        <message>
            <source>Not chosen</source>
            <translation>Lama dooran</translation>
        </message>
        <message>
            <source>Question %1 of %2</source>
            <translation>Su'aasha %1 ee %2</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>Xiga</translation>
        </message>
        <message>
            <source>What is your name?</source>
            <translation>Magacaa?</translation>
        </message>
        <message>
            <source>Type your first name and your surname.</source>
            <translation>Qor magacaaga koowaad iyo magaca qoyska.</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>Magacaaga</translation>
        </message>
        <message>
            <source>When were you born?</source>
            <translation>Goorma ayaad dhalatay?</translation>
        </message>
        <message>
            <source>Use the numbers to type the day, the month and the year.</source>
            <translation>Isticmaal lambarrada si aad u qorto maalinta, bisha iyo sanadka.</translation>
        </message>
        <message>
            <source>What is your phone number?</source>
            <translation>Lambarkaaga taleefanku waa maxay?</translation>
        </message>
        <message>
            <source>They will phone you on this number. Use the numbers below.</source>
            <translation>Lambarkan ayay kugu soo wici doonaan. Isticmaal lambarrada hoose.</translation>
        </message>
        <message>
            <source>What would help you?</source>
            <translation>Maxaa ku caawin lahaa?</translation>
        </message>
        <message>
            <source>Choose any that fit, or none. You can also type something in your own words.</source>
            <translation>Dooro wixii ku habboon, ama waxba. Sidoo kale waxaad ku qori kartaa erayadaada.</translation>
        </message>
        <message>
            <source>Something else (you can type here):</source>
            <translation>Wax kale (halkan waad ku qori kartaa):</translation>
        </message>
        <message>
            <source>Something else, in your own words</source>
            <translation>Wax kale, erayadaada</translation>
        </message>
        <message>
            <source>Is it OK to send your details?</source>
            <translation>Ma ogoshahay in xogtaada la diro?</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to the desk team at this surgery. They will book “%1” for you and phone you.</source>
            <translation>Waxaan u diri doonnaa magacaaga, taariikhda dhalashada, lambarka taleefanka iyo wixii aad dooratay kooxda soo dhaweynta ee rugtan. Waxay kuu ballansan doonaan “%1” waana kuu soo wici doonaan.</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to “%1”.</source>
            <translation>Waxaan u diri doonnaa magacaaga, taariikhda dhalashada, lambarka taleefanka iyo wixii aad dooratay “%1”.</translation>
        </message>
        <message>
            <source>They will only use it to contact you about this help. Nothing is kept on this screen.</source>
            <translation>Waxay u isticmaali doonaan oo keliya inay kaala xiriiraan caawimadan. Shaashaddan waxba kuma haraan.</translation>
        </message>
        <message>
            <source>Yes, send my details</source>
            <translation>Haa, dir xogtayda</translation>
        </message>
        <message>
            <source>No, do not send</source>
            <translation>Maya, ha dirin</translation>
        </message>
    </context>
    <context>
        <name>ResultScreen</name>
        <message>
            <source>Thank you. Your request is saved.</source>
            <translation>Mahadsanid. Codsigaaga waa la kaydiyay.</translation>
        </message>
        <message>
            <source>We are sending it now. Please wait a moment…</source>
            <translation>Hadda ayaan dirraynaa. Fadlan in yar sug…</translation>
        </message>
        <message>
            <source>Thank you. Your request has been sent.</source>
            <translation>Mahadsanid. Codsigaaga waa la diray.</translation>
        </message>
        <message>
            <source>It has been passed on. You do not need to do anything else.</source>
            <translation>Waa la gudbiyay. Wax kale uma baahnid inaad samayso.</translation>
        </message>
        <message>
            <source>There is no connection right now, so it has not been sent yet. It will be sent by itself as soon as the connection is back. You do not need to do anything else.</source>
            <translation>Hadda xiriir ma jiro, sidaas darteed weli lama dirin. Si toos ah ayaa loo diri doonaa marka xiriirku soo laabto. Wax kale uma baahnid inaad samayso.</translation>
        </message>
        <message>
            <source>Sorry, that did not work.</source>
            <translation>Waan ka xunnahay, taasi ma shaqayn.</translation>
        </message>
        <message>
            <source>Your request was not saved and nothing was sent. Please try again, or ask at the desk.</source>
            <translation>Codsigaaga lama kaydin, waxna lama dirin. Mar kale isku day, ama weydii miiska soo dhaweynta.</translation>
        </message>
        <message>
            <source>The desk team will book “%1” for you and phone you. You can also talk to them today.</source>
            <translation>Kooxda soo dhaweynta ayaa kuu ballansan doonta “%1” waana kuu soo wici doonaan. Sidoo kale maanta waad la hadli kartaa.</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>“%1” ayaa kugu soo wici doona lambarka aad bixisay.</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>Lambarkaaga tixraaca</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>Sheeg lambarkan haddii aad wacdo ama aad weydiiso miiska soo dhaweynta.</translation>
        </message>
        <message>
            <source>Your slip is printing. Please take it from the printer.</source>
            <translation>Warqaddaada waa la daabacayaa. Fadlan ka qaado daabacaha.</translation>
        </message>
        <message>
            <source>Your slip has been printed. Please take it from the printer.</source>
            <translation>Warqaddaada waa la daabacay. Fadlan ka qaado daabacaha.</translation>
        </message>
        <message>
            <source>The slip could not be printed. Please write the number down, or ask at the desk.</source>
            <translation>Warqadda lama daabici karin. Fadlan qor lambarka, ama weydii miiska soo dhaweynta.</translation>
        </message>
        <message>
            <source>Print a slip with this number</source>
            <translation>Daabac warqad leh lambarkan</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>Mar kale isku day</translation>
        </message>
        <message>
            <source>Finish and clear my details</source>
            <translation>Dhammee oo tirtir xogtayda</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>This service is no longer listed.</source>
            <translation>Adeeggan liiska kuma jiro mar dambe.</translation>
        </message>
        <message>
            <source>Run by %1</source>
            <translation>Waxaa maamula: %1</translation>
        </message>
        <message>
            <source>The name and description of this service are in English, as the service wrote them.</source>
            <translation>Magaca iyo sharaxaadda adeeggan waa Ingiriisi, sidii adeeggu u qoray.</translation>
        </message>
        <message>
            <source>This service is closed for now. The desk can tell you what else may help.</source>
            <translation>Adeeggan hadda waa xiran yahay. Miiska soo dhaweynta ayaa kuu sheegi kara waxa kale ee ku caawin kara.</translation>
        </message>
        <message>
            <source>What it is</source>
            <translation>Waa maxay</translation>
        </message>
        <message>
            <source>No description was given.</source>
            <translation>Sharaxaad lama bixin.</translation>
        </message>
        <message>
            <source>Who it is for</source>
            <translation>Yaa loogu talagalay</translation>
        </message>
        <message>
            <source>What happens next</source>
            <translation>Maxaa xiga</translation>
        </message>
        <message>
            <source>When it is open</source>
            <translation>Goorta uu furan yahay</translation>
        </message>
        <message>
            <source>Where and how to contact them</source>
            <translation>Halkee iyo sidee loola xiriiraa</translation>
        </message>
        <message>
            <source>Ask them to contact me</source>
            <translation>Ka codso inay ila soo xiriiraan</translation>
        </message>
        <message>
            <source>Ask the desk to book this for me</source>
            <translation>Ka codso soo dhaweynta inay ii ballansadaan</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>Taleefan: %1</translation>
        </message>
        <message>
            <source>For people aged %1 to %2.</source>
            <translation>Dadka da'doodu tahay %1 ilaa %2.</translation>
        </message>
        <message>
            <source>For people aged %1 or over.</source>
            <translation>Dadka da'doodu tahay %1 ama ka weyn.</translation>
        </message>
        <message>
            <source>For people aged %1 or under.</source>
            <translation>Dadka da'doodu tahay %1 ama ka yar.</translation>
        </message>
        <message>
            <source>The service says: %1</source>
            <translation>Adeeggu wuxuu leeyahay: %1</translation>
        </message>
        <message>
            <source>Anyone can use it.</source>
            <translation>Qof kasta wuu isticmaali karaa.</translation>
        </message>
        <message>
            <source>Press “Ask the desk to book this for me”. The desk team will phone you about what else may help.</source>
            <translation>Riix “Ka codso soo dhaweynta inay ii ballansadaan”. Kooxda soo dhaweynta ayaa kuu soo wici doonta oo kaala hadli doonta caawimo kale.</translation>
        </message>
        <message>
            <source>Press “Ask them to contact me” and leave your name and phone number. They will phone you.</source>
            <translation>Riix “Ka codso inay ila soo xiriiraan” oo ka tag magacaaga iyo lambarka taleefanka. Way kuu soo wici doonaan.</translation>
        </message>
        <message>
            <source>Staff need to ask this service for you. Press “Ask the desk to book this for me” and the desk team will do it and phone you.</source>
            <translation>Shaqaale ayaa kuu codsan kara adeeggan. Riix “Ka codso soo dhaweynta inay ii ballansadaan”, kooxda soo dhaweynta ayaa samayn doonta oo kuu soo wici doonta.</translation>
        </message>
        <message>
            <source>You can also just go along when it is open.</source>
            <translation>Sidoo kale waad tegi kartaa marka uu furan yahay.</translation>
        </message>
        <message>
            <source>%1 to %2</source>
            <translation>%1 ilaa %2</translation>
        </message>
        <message>
            <source>Next open:</source>
            <translation>Marka xigta ee uu furan yahay:</translation>
        </message>
        <message>
            <source>Opening times are not listed. Please ask at the desk.</source>
            <translation>Saacadaha furitaanka lama qorin. Fadlan weydii miiska soo dhaweynta.</translation>
        </message>
    </context>
    <context>
        <name>ServicesScreen</name>
        <message>
            <source>Looking for help near you…</source>
            <translation>Waxaan raadinaynaa caawimo kuu dhow…</translation>
        </message>
        <message>
            <source>These places can help. Touch one to find out more.</source>
            <translation>Meelahan ayaa caawin kara. Taabo mid si aad wax badan uga ogaato.</translation>
        </message>
        <message>
            <source>We could not find help for this on this screen. Please ask at the desk.</source>
            <translation>Shaashaddan kuma helin caawimo tan ah. Fadlan weydii miiska soo dhaweynta.</translation>
        </message>
        <message>
            <source>The names and details of services are in English, as the services wrote them.</source>
            <translation>Magacyada iyo faahfaahinta adeegyadu waa Ingiriisi, sidii adeegyadu u qoreen.</translation>
        </message>
    </context>
    <context>
        <name>Slip</name>
        <message>
            <source>The desk team will book “%1” for you and phone you.</source>
            <translation>Kooxda soo dhaweynta ayaa kuu ballansan doonta “%1” waana kuu soo wici doonaan.</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>“%1” ayaa kugu soo wici doona lambarka aad bixisay.</translation>
        </message>
        <message>
            <source>Your request has been sent.</source>
            <translation>Codsigaaga waa la diray.</translation>
        </message>
        <message>
            <source>Your request is saved and will be sent as soon as the connection is back.</source>
            <translation>Codsigaaga waa la kaydiyay waxaana la diri doonaa marka xiriirku soo laabto.</translation>
        </message>
        <message>
            <source>Your request for help</source>
            <translation>Codsigaaga caawimada</translation>
        </message>
        <message>
            <source>Service:</source>
            <translation>Adeegga:</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>Lambarkaaga tixraaca</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>Sheeg lambarkan haddii aad wacdo ama aad weydiiso miiska soo dhaweynta.</translation>
        </message>
    </context>
    <context>
        <name>UnavailableScreen</name>
        <message>
            <source>Sorry, this screen is not working right now.</source>
            <translation>Waan ka xunnahay, shaashaddan hadda ma shaqaynayso.</translation>
        </message>
        <message>
            <source>Please ask at the desk. They can help you in the same way.</source>
            <translation>Fadlan weydii miiska soo dhaweynta. Si la mid ah ayay kuu caawin karaan.</translation>
        </message>
    </context>
</TS>
