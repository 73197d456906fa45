<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ur">
    <context>
        <name>BirthDateEntry</name>
        <message>
            <source>Day</source>
            <translation>دن</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>مہینہ</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>سال</translation>
        </message>
        <message>
            <source>DD</source>
            <translation>دن</translation>
        </message>
        <message>
            <source>MM</source>
            <translation>ماہ</translation>
        </message>
        <message>
            <source>YYYY</source>
            <translation>سال</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>How can we help you today?</source>
            <translation>آج ہم آپ کی کیا مدد کر سکتے ہیں؟</translation>
        </message>
        <message>
            <source>Touch the picture that fits best. You can change the language and the text size at the top.</source>
            <translation>وہ تصویر چھوئیں جو سب سے زیادہ مناسب ہو۔ اوپر آپ زبان اور لکھائی کا سائز بدل سکتے ہیں۔</translation>
        </message>
    </context>
    <context>
        <name>IdleWarning</name>
        <message>
            <source>Are you still there?</source>
            <translation>کیا آپ ابھی یہاں ہیں؟</translation>
        </message>
        <message>
            <source>To keep your details private, this screen will clear in %1 seconds.</source>
            <translation>آپ کی معلومات محفوظ رکھنے کے لیے یہ اسکرین %1 سیکنڈ میں صاف ہو جائے گی۔</translation>
        </message>
        <message>
            <source>I need more time</source>
            <translation>مجھے مزید وقت چاہیے</translation>
        </message>
    </context>
    <context>
        <name>Keypad</name>
        <message>
            <source>Delete</source>
            <translation>مٹائیں</translation>
        </message>
    </context>
    <context>
        <name>KioskAccess</name>
        <message>
            <source>You can ask for this help yourself.</source>
            <translation>آپ یہ مدد خود مانگ سکتے ہیں۔</translation>
        </message>
        <message>
            <source>You can just go along when it is open.</source>
            <translation>آپ کھلنے کے وقت سیدھے جا سکتے ہیں۔</translation>
        </message>
        <message>
            <source>You need an appointment. They can arrange it with you.</source>
            <translation>آپ کو وقت لینا ہوگا۔ وہ آپ کے ساتھ وقت طے کر سکتے ہیں۔</translation>
        </message>
        <message>
            <source>You can join.</source>
            <translation>آپ شامل ہو سکتے ہیں۔</translation>
        </message>
        <message>
            <source>Staff need to ask for you. The desk can do this.</source>
            <translation>عملے کو آپ کی طرف سے درخواست دینی ہوگی۔ استقبالیہ یہ کر سکتا ہے۔</translation>
        </message>
        <message>
            <source>Closed for now.</source>
            <translation>فی الحال بند ہے۔</translation>
        </message>
    </context>
    <context>
        <name>KioskHelp</name>
        <message>
            <source>Please phone me to talk about it</source>
            <translation>براہ کرم مجھے فون کر کے بات کریں</translation>
        </message>
        <message>
            <source>A visit at home</source>
            <translation>گھر پر ملاقات</translation>
        </message>
        <message>
            <source>Help filling in forms</source>
            <translation>فارم بھرنے میں مدد</translation>
        </message>
        <message>
            <source>Someone who speaks my language</source>
            <translation>کوئی جو میری زبان بولتا ہو</translation>
        </message>
        <message>
            <source>Information I can take home</source>
            <translation>معلومات جو میں گھر لے جا سکوں</translation>
        </message>
        <message>
            <source>I am not sure what I need</source>
            <translation>مجھے یقین نہیں کہ مجھے کیا چاہیے</translation>
        </message>
    </context>
    <context>
        <name>KioskTiles</name>
        <message>
            <source>Money worries</source>
            <translation>پیسوں کی پریشانی</translation>
        </message>
        <message>
            <source>Help at home</source>
            <translation>گھر میں مدد</translation>
        </message>
        <message>
            <source>Feeling lonely</source>
            <translation>تنہائی محسوس کرنا</translation>
        </message>
        <message>
            <source>Getting out and about</source>
            <translation>باہر آنا جانا</translation>
        </message>
        <message>
            <source>Cold or damp home</source>
            <translation>ٹھنڈا یا سیلن والا گھر</translation>
        </message>
        <message>
            <source>Mood and wellbeing</source>
            <translation>مزاج اور ذہنی سکون</translation>
        </message>
        <message>
            <source>Looking after someone</source>
            <translation>کسی کی دیکھ بھال</translation>
        </message>
        <message>
            <source>Healthy living</source>
            <translation>صحت مند زندگی</translation>
        </message>
        <message>
            <source>Somewhere to live</source>
            <translation>رہنے کی جگہ</translation>
        </message>
        <message>
            <source>Something else</source>
            <translation>کچھ اور</translation>
        </message>
    </context>
    <context>
        <name>KioskWindow</name>
        <message>
            <source>Sorry, this did not load. Please try again, or ask at the desk.</source>
            <translation>معذرت، یہ نہیں کھل سکا۔ دوبارہ کوشش کریں یا استقبالیہ پر پوچھیں۔</translation>
        </message>
        <message>
            <source>Nothing was sent. What you typed has been cleared.</source>
            <translation>کچھ نہیں بھیجا گیا۔ آپ کا لکھا ہوا مٹا دیا گیا ہے۔</translation>
        </message>
        <message>
            <source>Demo: the PIN is %1.</source>
            <translation>ڈیمو: پن %1 ہے۔</translation>
        </message>
        <message>
            <source>No staff PIN is set on this computer. Set one with: socialrx-desk kiosk set-pin</source>
            <translation>اس کمپیوٹر پر عملے کا پن مقرر نہیں ہے۔ اسے اس حکم سے مقرر کریں: socialrx-desk kiosk set-pin</translation>
        </message>
        <message>
            <source>Too many wrong tries. Please wait a minute and try again.</source>
            <translation>بہت زیادہ غلط کوششیں۔ ایک منٹ انتظار کریں اور دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>That PIN is not right. Please try again.</source>
            <translation>یہ پن درست نہیں ہے۔ دوبارہ کوشش کریں۔</translation>
        </message>
        <message>
            <source>On</source>
            <translation>آن</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>آف</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>شروع</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>واپس</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>زبان</translation>
        </message>
        <message>
            <source>Bigger text</source>
            <translation>بڑی لکھائی</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>واضح رنگ</translation>
        </message>
        <message>
            <source>Read aloud</source>
            <translation>بول کر سنائیں</translation>
        </message>
        <message>
            <source>Staff only: hold for three seconds</source>
            <translation>صرف عملے کے لیے: تین سیکنڈ دبائے رکھیں</translation>
        </message>
        <message>
            <source>Scroll up or down</source>
            <translation>اوپر یا نیچے سرکائیں</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Choose your language</source>
            <translation>اپنی زبان چنیں</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>بند کریں</translation>
        </message>
    </context>
    <context>
        <name>PhoneEntry</name>
        <message>
            <source>Phone number</source>
            <translation>فون نمبر</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <source>Staff only</source>
            <translation>صرف عملے کے لیے</translation>
        </message>
        <message>
            <source>Type the staff PIN to leave the kiosk.</source>
            <translation>کیوسک سے نکلنے کے لیے عملے کا پن لکھیں۔</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>عملے کا پن</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>کھولیں</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>منسوخ کریں</translation>
        </message>
    </context>
    <context>
        <name>ReferralFlow</name>
        <message>
            <source>Please type the day, the month and all 4 numbers of the year.</source>
            <translation>براہ کرم دن، مہینہ اور سال کے چاروں ہندسے لکھیں۔</translation>
        </message>
        <message>
            <source>This date does not exist. Please check the day and the month.</source>
            <translation>یہ تاریخ موجود نہیں ہے۔ براہ کرم دن اور مہینہ دیکھ لیں۔</translation>
        </message>
        <message>
            <source>This date is in the future. Please check the year.</source>
            <translation>یہ تاریخ آنے والی ہے۔ براہ کرم سال دیکھ لیں۔</translation>
        </message>
        <message>
            <source>Please check the year.</source>
            <translation>براہ کرم سال دیکھ لیں۔</translation>
        </message>
        <message>
            <source>Please type your phone number. They need it to contact you.</source>
            <translation>براہ کرم اپنا فون نمبر لکھیں۔ آپ سے رابطے کے لیے یہ ضروری ہے۔</translation>
        </message>
        <message>
            <source>A phone number starts with 0 and has 10 or 11 numbers.</source>
            <translation>فون نمبر 0 سے شروع ہوتا ہے اور اس میں 10 یا 11 ہندسے ہوتے ہیں۔</translation>
        </message>
        <message>
            <source>Please type your name.</source>
            <translation>براہ کرم اپنا نام لکھیں۔</translation>
        </message>
        <message>
            <source>Please check this answer.</source>
            <translation>براہ کرم یہ جواب دیکھ لیں۔</translation>
        </message>
        <message>
            <source>Something in your answers could not be used. Please check them.</source>
            <translation>آپ کے جوابات میں سے کچھ استعمال نہیں ہو سکا۔ براہ کرم انہیں دیکھ لیں۔</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>چنا ہوا</translation>
        </message>
        <message>
            <source>Not chosen</source>
            <translation>نہیں چنا</translation>
        </message>
        <message>
            <source>Question %1 of %2</source>
            <translation>سوال %1 از %2</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>آگے</translation>
        </message>
        <message>
            <source>What is your name?</source>
            <translation>آپ کا نام کیا ہے؟</translation>
        </message>
        <message>
            <source>Type your first name and your surname.</source>
            <translation>اپنا پہلا نام اور خاندانی نام لکھیں۔</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>آپ کا نام</translation>
        </message>
        <message>
            <source>When were you born?</source>
            <translation>آپ کب پیدا ہوئے؟</translation>
        </message>
        <message>
            <source>Use the numbers to type the day, the month and the year.</source>
            <translation>ہندسوں سے دن، مہینہ اور سال لکھیں۔</translation>
        </message>
        <message>
            <source>What is your phone number?</source>
            <translation>آپ کا فون نمبر کیا ہے؟</translation>
        </message>
        <message>
            <source>They will phone you on this number. Use the numbers below.</source>
            <translation>وہ آپ کو اسی نمبر پر فون کریں گے۔ نیچے کے ہندسے استعمال کریں۔</translation>
        </message>
        <message>
            <source>What would help you?</source>
            <translation>آپ کی کس چیز سے مدد ہوگی؟</translation>
        </message>
        <message>
            <source>Choose any that fit, or none. You can also type something in your own words.</source>
            <translation>جو مناسب ہو وہ چنیں، یا کچھ نہ چنیں۔ آپ اپنے الفاظ میں بھی لکھ سکتے ہیں۔</translation>
        </message>
        <message>
            <source>Something else (you can type here):</source>
            <translation>کچھ اور (آپ یہاں لکھ سکتے ہیں):</translation>
        </message>
        <message>
            <source>Something else, in your own words</source>
            <translation>کچھ اور، اپنے الفاظ میں</translation>
        </message>
        <message>
            <source>Is it OK to send your details?</source>
            <translation>کیا آپ کی معلومات بھیجنا ٹھیک ہے؟</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to the desk team at this surgery. They will book “%1” for you and phone you.</source>
            <translation>ہم آپ کا نام، تاریخ پیدائش، فون نمبر اور آپ کا انتخاب اس کلینک کے استقبالیہ عملے کو بھیجیں گے۔ وہ آپ کے لیے “%1” بک کریں گے اور آپ کو فون کریں گے۔</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to “%1”.</source>
            <translation>ہم آپ کا نام، تاریخ پیدائش، فون نمبر اور آپ کا انتخاب “%1” کو بھیجیں گے۔</translation>
        </message>
        <message>
            <source>They will only use it to contact you about this help. Nothing is kept on this screen.</source>
            <translation>وہ اسے صرف اسی مدد کے بارے میں آپ سے رابطے کے لیے استعمال کریں گے۔ اس اسکرین پر کچھ محفوظ نہیں رہتا۔</translation>
        </message>
        <message>
            <source>Yes, send my details</source>
            <translation>جی ہاں، میری معلومات بھیجیں</translation>
        </message>
        <message>
            <source>No, do not send</source>
            <translation>نہیں، مت بھیجیں</translation>
        </message>
    </context>
    <context>
        <name>ResultScreen</name>
        <message>
            <source>Thank you. Your request is saved.</source>
            <translation>شکریہ۔ آپ کی درخواست محفوظ ہو گئی ہے۔</translation>
        </message>
        <message>
            <source>We are sending it now. Please wait a moment…</source>
            <translation>ہم اسے ابھی بھیج رہے ہیں۔ براہ کرم ذرا انتظار کریں…</translation>
        </message>
        <message>
            <source>Thank you. Your request has been sent.</source>
            <translation>شکریہ۔ آپ کی درخواست بھیج دی گئی ہے۔</translation>
        </message>
        <message>
            <source>It has been passed on. You do not need to do anything else.</source>
            <translation>یہ آگے پہنچا دی گئی ہے۔ آپ کو اور کچھ کرنے کی ضرورت نہیں۔</translation>
        </message>
        <message>
            <source>There is no connection right now, so it has not been sent yet. It will be sent by itself as soon as the connection is back. You do not need to do anything else.</source>
            <translation>ابھی کنکشن نہیں ہے، اس لیے یہ ابھی نہیں بھیجی گئی۔ کنکشن واپس آتے ہی یہ خود بخود بھیج دی جائے گی۔ آپ کو اور کچھ کرنے کی ضرورت نہیں۔</translation>
        </message>
        <message>
            <source>Sorry, that did not work.</source>
            <translation>معذرت، یہ کام نہیں کیا۔</translation>
        </message>
        <message>
            <source>Your request was not saved and nothing was sent. Please try again, or ask at the desk.</source>
            <translation>آپ کی درخواست محفوظ نہیں ہوئی اور کچھ نہیں بھیجا گیا۔ دوبارہ کوشش کریں یا استقبالیہ پر پوچھیں۔</translation>
        </message>
        <message>
            <source>The desk team will book “%1” for you and phone you. You can also talk to them today.</source>
            <translation>استقبالیہ عملہ آپ کے لیے “%1” بک کرے گا اور آپ کو فون کرے گا۔ آپ آج ان سے بات بھی کر سکتے ہیں۔</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>“%1” آپ کو دیے گئے نمبر پر فون کرے گا۔</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>آپ کا حوالہ نمبر</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>اگر آپ انہیں فون کریں یا استقبالیہ پر پوچھیں تو یہ نمبر بتائیں۔</translation>
        </message>
        <message>
            <source>Your slip is printing. Please take it from the printer.</source>
            <translation>آپ کی پرچی چھپ رہی ہے۔ براہ کرم اسے پرنٹر سے لے لیں۔</translation>
        </message>
        <message>
            <source>Your slip has been printed. Please take it from the printer.</source>
            <translation>آپ کی پرچی چھپ گئی ہے۔ براہ کرم اسے پرنٹر سے لے لیں۔</translation>
        </message>
        <message>
            <source>The slip could not be printed. Please write the number down, or ask at the desk.</source>
            <translation>پرچی نہیں چھپ سکی۔ براہ کرم نمبر لکھ لیں یا استقبالیہ پر پوچھیں۔</translation>
        </message>
        <message>
            <source>Print a slip with this number</source>
            <translation>اس نمبر کی پرچی چھاپیں</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>دوبارہ کوشش کریں</translation>
        </message>
        <message>
            <source>Finish and clear my details</source>
            <translation>ختم کریں اور میری معلومات مٹائیں</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>This service is no longer listed.</source>
            <translation>یہ سروس اب فہرست میں نہیں ہے۔</translation>
        </message>
        <message>
            <source>Run by %1</source>
            <translation>چلانے والے: %1</translation>
        </message>
        <message>
            <source>The name and description of this service are in English, as the service wrote them.</source>
            <translation>اس سروس کا نام اور تفصیل انگریزی میں ہیں، جیسے سروس نے لکھے ہیں۔</translation>
        </message>
        <message>
            <source>This service is closed for now. The desk can tell you what else may help.</source>
            <translation>یہ سروس فی الحال بند ہے۔ استقبالیہ آپ کو بتا سکتا ہے کہ اور کیا مدد کر سکتا ہے۔</translation>
        </message>
        <message>
            <source>What it is</source>
            <translation>یہ کیا ہے</translation>
        </message>
        <message>
            <source>No description was given.</source>
            <translation>کوئی تفصیل نہیں دی گئی۔</translation>
        </message>
        <message>
            <source>Who it is for</source>
            <translation>یہ کس کے لیے ہے</translation>
        </message>
        <message>
            <source>What happens next</source>
            <translation>آگے کیا ہوگا</translation>
        </message>
        <message>
            <source>When it is open</source>
            <translation>کب کھلا ہوتا ہے</translation>
        </message>
        <message>
            <source>Where and how to contact them</source>
            <translation>کہاں اور کیسے رابطہ کریں</translation>
        </message>
        <message>
            <source>Ask them to contact me</source>
            <translation>ان سے کہیں کہ مجھ سے رابطہ کریں</translation>
        </message>
        <message>
            <source>Ask the desk to book this for me</source>
            <translation>استقبالیہ سے کہیں کہ یہ میرے لیے بک کرے</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>فون: %1</translation>
        </message>
        <message>
            <source>For people aged %1 to %2.</source>
            <translation>%1 سے %2 سال کی عمر کے لوگوں کے لیے۔</translation>
        </message>
        <message>
            <source>For people aged %1 or over.</source>
            <translation>%1 سال یا اس سے زیادہ عمر کے لوگوں کے لیے۔</translation>
        </message>
        <message>
            <source>For people aged %1 or under.</source>
            <translation>%1 سال یا اس سے کم عمر کے لوگوں کے لیے۔</translation>
        </message>
        <message>
            <source>The service says: %1</source>
            <translation>سروس کہتی ہے: %1</translation>
        </message>
        <message>
            <source>Anyone can use it.</source>
            <translation>کوئی بھی اسے استعمال کر سکتا ہے۔</translation>
        </message>
        <message>
            <source>Press “Ask the desk to book this for me”. The desk team will phone you about what else may help.</source>
            <translation>“استقبالیہ سے کہیں کہ یہ میرے لیے بک کرے” دبائیں۔ استقبالیہ عملہ آپ کو فون کر کے بتائے گا کہ اور کیا مدد ہو سکتی ہے۔</translation>
        </message>
        <message>
            <source>Press “Ask them to contact me” and leave your name and phone number. They will phone you.</source>
            <translation>“ان سے کہیں کہ مجھ سے رابطہ کریں” دبائیں اور اپنا نام اور فون نمبر چھوڑ دیں۔ وہ آپ کو فون کریں گے۔</translation>
        </message>
        <message>
            <source>Staff need to ask this service for you. Press “Ask the desk to book this for me” and the desk team will do it and phone you.</source>
            <translation>عملے کو آپ کے لیے اس سروس سے درخواست کرنی ہوگی۔ “استقبالیہ سے کہیں کہ یہ میرے لیے بک کرے” دبائیں، استقبالیہ عملہ یہ کر دے گا اور آپ کو فون کرے گا۔</translation>
        </message>
        <message>
            <source>You can also just go along when it is open.</source>
            <translation>آپ کھلنے کے وقت سیدھے بھی جا سکتے ہیں۔</translation>
        </message>
        <message>
            <source>%1 to %2</source>
            <translation>%1 سے %2 تک</translation>
        </message>
        <message>
            <source>Next open:</source>
            <translation>اگلی بار کھلنے کا وقت:</translation>
        </message>
        <message>
            <source>Opening times are not listed. Please ask at the desk.</source>
            <translation>کھلنے کے اوقات درج نہیں ہیں۔ براہ کرم استقبالیہ پر پوچھیں۔</translation>
        </message>
    </context>
    <context>
        <name>ServicesScreen</name>
        <message>
            <source>Looking for help near you…</source>
            <translation>آپ کے قریب مدد تلاش ہو رہی ہے…</translation>
        </message>
        <message>
            <source>These places can help. Touch one to find out more.</source>
            <translation>یہ جگہیں مدد کر سکتی ہیں۔ مزید جاننے کے لیے کسی ایک کو چھوئیں۔</translation>
        </message>
        <message>
            <source>We could not find help for this on this screen. Please ask at the desk.</source>
            <translation>ہمیں اس اسکرین پر اس کے لیے مدد نہیں ملی۔ براہ کرم استقبالیہ پر پوچھیں۔</translation>
        </message>
        <message>
            <source>The names and details of services are in English, as the services wrote them.</source>
            <translation>سروسز کے نام اور تفصیلات انگریزی میں ہیں، جیسے انہوں نے لکھی ہیں۔</translation>
        </message>
    </context>
    <context>
        <name>Slip</name>
        <message>
            <source>The desk team will book “%1” for you and phone you.</source>
            <translation>استقبالیہ عملہ آپ کے لیے “%1” بک کرے گا اور آپ کو فون کرے گا۔</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>“%1” آپ کو دیے گئے نمبر پر فون کرے گا۔</translation>
        </message>
        <message>
            <source>Your request has been sent.</source>
            <translation>آپ کی درخواست بھیج دی گئی ہے۔</translation>
        </message>
        <message>
            <source>Your request is saved and will be sent as soon as the connection is back.</source>
            <translation>آپ کی درخواست محفوظ ہے اور کنکشن واپس آتے ہی بھیج دی جائے گی۔</translation>
        </message>
        <message>
            <source>Your request for help</source>
            <translation>مدد کے لیے آپ کی درخواست</translation>
        </message>
        <message>
            <source>Service:</source>
            <translation>سروس:</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>آپ کا حوالہ نمبر</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>اگر آپ انہیں فون کریں یا استقبالیہ پر پوچھیں تو یہ نمبر بتائیں۔</translation>
        </message>
    </context>
    <context>
        <name>UnavailableScreen</name>
        <message>
            <source>Sorry, this screen is not working right now.</source>
            <translation>معذرت، یہ اسکرین ابھی کام نہیں کر رہی۔</translation>
        </message>
        <message>
            <source>Please ask at the desk. They can help you in the same way.</source>
            <translation>براہ کرم استقبالیہ پر پوچھیں۔ وہ اسی طرح آپ کی مدد کر سکتے ہیں۔</translation>
        </message>
    </context>
</TS>
