<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
    <context>
        <name>BirthDateEntry</name>
        <message>
            <source>Day</source>
            <translation>اليوم</translation>
        </message>
        <message>
            <source>Month</source>
            <translation>الشهر</translation>
        </message>
        <message>
            <source>Year</source>
            <translation>السنة</translation>
        </message>
        <message>
            <source>DD</source>
            <translation>يوم</translation>
        </message>
        <message>
            <source>MM</source>
            <translation>شهر</translation>
        </message>
        <message>
            <source>YYYY</source>
            <translation>سنة</translation>
        </message>
    </context>
    <context>
        <name>HomeScreen</name>
        <message>
            <source>How can we help you today?</source>
            <translation>كيف يمكننا مساعدتك اليوم؟</translation>
        </message>
        <message>
            <source>Touch the picture that fits best. You can change the language and the text size at the top.</source>
            <translation>المس الصورة الأنسب لك. يمكنك تغيير اللغة وحجم الكتابة في الأعلى.</translation>
        </message>
    </context>
    <context>
        <name>IdleWarning</name>
        <message>
            <source>Are you still there?</source>
            <translation>هل ما زلت هنا؟</translation>
        </message>
        <message>
            <source>To keep your details private, this screen will clear in %1 seconds.</source>
            <translation>لحماية معلوماتك، ستُمسح هذه الشاشة بعد %1 ثانية.</translation>
        </message>
        <message>
            <source>I need more time</source>
            <translation>أحتاج إلى وقت أطول</translation>
        </message>
    </context>
    <context>
        <name>Keypad</name>
        <message>
            <source>Delete</source>
            <translation>حذف</translation>
        </message>
    </context>
    <context>
        <name>KioskAccess</name>
        <message>
            <source>You can ask for this help yourself.</source>
            <translation>يمكنك طلب هذه المساعدة بنفسك.</translation>
        </message>
        <message>
            <source>You can just go along when it is open.</source>
            <translation>يمكنك الذهاب مباشرة في أوقات العمل.</translation>
        </message>
        <message>
            <source>You need an appointment. They can arrange it with you.</source>
            <translation>تحتاج إلى موعد. يمكنهم ترتيبه معك.</translation>
        </message>
        <message>
            <source>You can join.</source>
            <translation>يمكنك الانضمام.</translation>
        </message>
        <message>
            <source>Staff need to ask for you. The desk can do this.</source>
            <translation>يجب أن يطلبها أحد الموظفين لك. يمكن لمكتب الاستقبال فعل ذلك.</translation>
        </message>
        <message>
            <source>Closed for now.</source>
            <translation>مغلق حاليًا.</translation>
        </message>
    </context>
    <context>
        <name>KioskHelp</name>
        <message>
            <source>Please phone me to talk about it</source>
            <translation>أرجو الاتصال بي للتحدث عن ذلك</translation>
        </message>
        <message>
            <source>A visit at home</source>
            <translation>زيارة في البيت</translation>
        </message>
        <message>
            <source>Help filling in forms</source>
            <translation>مساعدة في ملء الاستمارات</translation>
        </message>
        <message>
            <source>Someone who speaks my language</source>
            <translation>شخص يتحدث لغتي</translation>
        </message>
        <message>
            <source>Information I can take home</source>
            <translation>معلومات أستطيع أخذها إلى البيت</translation>
        </message>
        <message>
            <source>I am not sure what I need</source>
            <translation>لست متأكدًا مما أحتاج إليه</translation>
        </message>
    </context>
    <context>
        <name>KioskTiles</name>
        <message>
            <source>Money worries</source>
            <translation>هموم مالية</translation>
        </message>
        <message>
            <source>Help at home</source>
            <translation>مساعدة في البيت</translation>
        </message>
        <message>
            <source>Feeling lonely</source>
            <translation>الشعور بالوحدة</translation>
        </message>
        <message>
            <source>Getting out and about</source>
            <translation>الخروج والتنقل</translation>
        </message>
        <message>
            <source>Cold or damp home</source>
            <translation>بيت بارد أو رطب</translation>
        </message>
        <message>
            <source>Mood and wellbeing</source>
            <translation>المزاج والراحة النفسية</translation>
        </message>
        <message>
            <source>Looking after someone</source>
            <translation>رعاية شخص آخر</translation>
        </message>
        <message>
            <source>Healthy living</source>
            <translation>حياة صحية</translation>
        </message>
        <message>
            <source>Somewhere to live</source>
            <translation>مكان للسكن</translation>
        </message>
        <message>
            <source>Something else</source>
            <translation>شيء آخر</translation>
        </message>
    </context>
    <context>
        <name>KioskWindow</name>
        <message>
            <source>Sorry, this did not load. Please try again, or ask at the desk.</source>
            <translation>عذرًا، لم يتم التحميل. حاول مرة أخرى، أو اسأل في مكتب الاستقبال.</translation>
        </message>
        <message>
            <source>Nothing was sent. What you typed has been cleared.</source>
            <translation>لم يُرسل أي شيء. تم مسح ما كتبته.</translation>
        </message>
        <message>
            <source>Demo: the PIN is %1.</source>
            <translation>تجربة: الرقم السري هو %1.</translation>
        </message>
        <message>
            <source>No staff PIN is set on this computer. Set one with: socialrx-desk kiosk set-pin</source>
            <translation>لم يتم تعيين رقم سري للموظفين على هذا الجهاز. عيّنه بالأمر: socialrx-desk kiosk set-pin</translation>
        </message>
        <message>
            <source>Too many wrong tries. Please wait a minute and try again.</source>
            <translation>محاولات خاطئة كثيرة. انتظر دقيقة ثم حاول مرة أخرى.</translation>
        </message>
        <message>
            <source>That PIN is not right. Please try again.</source>
            <translation>هذا الرقم السري غير صحيح. حاول مرة أخرى.</translation>
        </message>
        <message>
            <source>On</source>
            <translation>مُفعّل</translation>
        </message>
        <message>
            <source>Off</source>
            <translation>مُعطّل</translation>
        </message>
        <message>
            <source>Home</source>
            <translation>البداية</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>رجوع</translation>
        </message>
        <message>
            <source>Language</source>
            <translation>اللغة</translation>
        </message>
        <message>
            <source>Bigger text</source>
            <translation>خط أكبر</translation>
        </message>
        <message>
            <source>High contrast</source>
            <translation>تباين عالٍ</translation>
        </message>
        <message>
            <source>Read aloud</source>
            <translation>قراءة بصوت</translation>
        </message>
        <message>
            <source>Staff only: hold for three seconds</source>
            <translation>للموظفين فقط: اضغط مطولًا ثلاث ثوانٍ</translation>
        </message>
        <message>
            <source>Scroll up or down</source>
            <translation>مرّر لأعلى أو لأسفل</translation>
        </message>
    </context>
    <context>
        <name>LanguagePicker</name>
        <message>
            <source>Choose your language</source>
            <translation>اختر لغتك</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>إغلاق</translation>
        </message>
    </context>
    <context>
        <name>PhoneEntry</name>
        <message>
            <source>Phone number</source>
            <translation>رقم الهاتف</translation>
        </message>
    </context>
    <context>
        <name>PinPad</name>
        <message>
            <source>Staff only</source>
            <translation>للموظفين فقط</translation>
        </message>
        <message>
            <source>Type the staff PIN to leave the kiosk.</source>
            <translation>اكتب الرقم السري للموظفين للخروج من الجهاز.</translation>
        </message>
        <message>
            <source>Staff PIN</source>
            <translation>الرقم السري للموظفين</translation>
        </message>
        <message>
            <source>Unlock</source>
            <translation>فتح</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>إلغاء</translation>
        </message>
    </context>
    <context>
        <name>ReferralFlow</name>
        <message>
            <source>Please type the day, the month and all 4 numbers of the year.</source>
            <translation>اكتب اليوم والشهر وأرقام السنة الأربعة كلها.</translation>
        </message>
        <message>
            <source>This date does not exist. Please check the day and the month.</source>
            <translation>هذا التاريخ غير موجود. تحقق من اليوم والشهر.</translation>
        </message>
        <message>
            <source>This date is in the future. Please check the year.</source>
            <translation>هذا التاريخ في المستقبل. تحقق من السنة.</translation>
        </message>
        <message>
            <source>Please check the year.</source>
            <translation>تحقق من السنة من فضلك.</translation>
        </message>
        <message>
            <source>Please type your phone number. They need it to contact you.</source>
            <translation>اكتب رقم هاتفك. يحتاجونه للتواصل معك.</translation>
        </message>
        <message>
            <source>A phone number starts with 0 and has 10 or 11 numbers.</source>
            <translation>رقم الهاتف يبدأ بـ 0 وفيه 10 أو 11 رقمًا.</translation>
        </message>
        <message>
            <source>Please type your name.</source>
            <translation>اكتب اسمك من فضلك.</translation>
        </message>
        <message>
            <source>Please check this answer.</source>
            <translation>تحقق من هذه الإجابة من فضلك.</translation>
        </message>
        <message>
            <source>Something in your answers could not be used. Please check them.</source>
            <translation>لا يمكن استخدام شيء في إجاباتك. تحقق منها من فضلك.</translation>
        </message>
        <message>
            <source>Chosen</source>
            <translation>مختار</translation>
        </message>
        <message>
            <source>Not chosen</source>
            <translation>غير مختار</translation>
        </message>
        <message>
            <source>Question %1 of %2</source>
            <translation>السؤال %1 من %2</translation>
        </message>
        <message>
            <source>Next</source>
            <translation>التالي</translation>
        </message>
        <message>
            <source>What is your name?</source>
            <translation>ما اسمك؟</translation>
        </message>
        <message>
            <source>Type your first name and your surname.</source>
            <translation>اكتب اسمك الأول واسم العائلة.</translation>
        </message>
        <message>
            <source>Your name</source>
            <translation>اسمك</translation>
        </message>
        <message>
            <source>When were you born?</source>
            <translation>متى وُلدت؟</translation>
        </message>
        <message>
            <source>Use the numbers to type the day, the month and the year.</source>
            <translation>استخدم الأرقام لكتابة اليوم والشهر والسنة.</translation>
        </message>
        <message>
            <source>What is your phone number?</source>
            <translation>ما رقم هاتفك؟</translation>
        </message>
        <message>
            <source>They will phone you on this number. Use the numbers below.</source>
            <translation>سيتصلون بك على هذا الرقم. استخدم الأرقام في الأسفل.</translation>
        </message>
        <message>
            <source>What would help you?</source>
            <translation>ما الذي قد يساعدك؟</translation>
        </message>
        <message>
            <source>Choose any that fit, or none. You can also type something in your own words.</source>
            <translation>اختر ما يناسبك، أو لا شيء. يمكنك أيضًا أن تكتب بكلماتك.</translation>
        </message>
        <message>
            <source>Something else (you can type here):</source>
            <translation>شيء آخر (يمكنك الكتابة هنا):</translation>
        </message>
        <message>
            <source>Something else, in your own words</source>
            <translation>شيء آخر، بكلماتك</translation>
        </message>
        <message>
            <source>Is it OK to send your details?</source>
            <translation>هل توافق على إرسال معلوماتك؟</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to the desk team at this surgery. They will book “%1” for you and phone you.</source>
            <translation>سنرسل اسمك وتاريخ ميلادك ورقم هاتفك وما اخترته إلى فريق الاستقبال في هذه العيادة. سيحجزون لك “%1” ويتصلون بك.</translation>
        </message>
        <message>
            <source>We will send your name, date of birth, phone number and what you chose to “%1”.</source>
            <translation>سنرسل اسمك وتاريخ ميلادك ورقم هاتفك وما اخترته إلى “%1”.</translation>
        </message>
        <message>
            <source>They will only use it to contact you about this help. Nothing is kept on this screen.</source>
            <translation>سيستخدمونها فقط للتواصل معك بخصوص هذه المساعدة. لا يُحفظ أي شيء على هذه الشاشة.</translation>
        </message>
        <message>
            <source>Yes, send my details</source>
            <translation>نعم، أرسل معلوماتي</translation>
        </message>
        <message>
            <source>No, do not send</source>
            <translation>لا، لا ترسل</translation>
        </message>
    </context>
    <context>
        <name>ResultScreen</name>
        <message>
            <source>Thank you. Your request is saved.</source>
            <translation>شكرًا لك. تم حفظ طلبك.</translation>
        </message>
        <message>
            <source>We are sending it now. Please wait a moment…</source>
            <translation>نحن نرسله الآن. انتظر لحظة من فضلك…</translation>
        </message>
        <message>
            <source>Thank you. Your request has been sent.</source>
            <translation>شكرًا لك. تم إرسال طلبك.</translation>
        </message>
        <message>
            <source>It has been passed on. You do not need to do anything else.</source>
            <translation>لقد تم تحويله. لا تحتاج إلى فعل أي شيء آخر.</translation>
        </message>
        <message>
            <source>There is no connection right now, so it has not been sent yet. It will be sent by itself as soon as the connection is back. You do not need to do anything else.</source>
            <translation>لا يوجد اتصال الآن، لذلك لم يُرسل الطلب بعد. سيُرسل تلقائيًا فور عودة الاتصال. لا تحتاج إلى فعل أي شيء آخر.</translation>
        </message>
        <message>
            <source>Sorry, that did not work.</source>
            <translation>عذرًا، لم ينجح ذلك.</translation>
        </message>
        <message>
            <source>Your request was not saved and nothing was sent. Please try again, or ask at the desk.</source>
            <translation>لم يُحفظ طلبك ولم يُرسل أي شيء. حاول مرة أخرى، أو اسأل في مكتب الاستقبال.</translation>
        </message>
        <message>
            <source>The desk team will book “%1” for you and phone you. You can also talk to them today.</source>
            <translation>سيحجز فريق الاستقبال “%1” لك ويتصل بك. يمكنك أيضًا التحدث إليهم اليوم.</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>سيتصل بك “%1” على الرقم الذي أعطيته.</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>رقمك المرجعي</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>اذكر هذا الرقم إذا اتصلت بهم أو سألت في مكتب الاستقبال.</translation>
        </message>
        <message>
            <source>Your slip is printing. Please take it from the printer.</source>
            <translation>يتم طباعة الورقة. خذها من الطابعة من فضلك.</translation>
        </message>
        <message>
            <source>Your slip has been printed. Please take it from the printer.</source>
            <translation>تمت طباعة الورقة. خذها من الطابعة من فضلك.</translation>
        </message>
        <message>
            <source>The slip could not be printed. Please write the number down, or ask at the desk.</source>
            <translation>تعذرت طباعة الورقة. اكتب الرقم، أو اسأل في مكتب الاستقبال.</translation>
        </message>
        <message>
            <source>Print a slip with this number</source>
            <translation>اطبع ورقة بهذا الرقم</translation>
        </message>
        <message>
            <source>Try again</source>
            <translation>حاول مرة أخرى</translation>
        </message>
        <message>
            <source>Finish and clear my details</source>
            <translation>إنهاء ومسح معلوماتي</translation>
        </message>
    </context>
    <context>
        <name>ServiceScreen</name>
        <message>
            <source>This service is no longer listed.</source>
            <translation>هذه الخدمة لم تعد مدرجة.</translation>
        </message>
        <message>
            <source>Run by %1</source>
            <translation>تديرها: %1</translation>
        </message>
        <message>
            <source>The name and description of this service are in English, as the service wrote them.</source>
            <translation>اسم هذه الخدمة ووصفها باللغة الإنجليزية، كما كتبتها الخدمة.</translation>
        </message>
        <message>
            <source>This service is closed for now. The desk can tell you what else may help.</source>
            <translation>هذه الخدمة مغلقة حاليًا. يمكن لمكتب الاستقبال أن يخبرك بما قد يساعدك أيضًا.</translation>
        </message>
        <message>
            <source>What it is</source>
            <translation>ما هي</translation>
        </message>
        <message>
            <source>No description was given.</source>
            <translation>لا يوجد وصف.</translation>
        </message>
        <message>
            <source>Who it is for</source>
            <translation>لمن هي</translation>
        </message>
        <message>
            <source>What happens next</source>
            <translation>ماذا يحدث بعد ذلك</translation>
        </message>
        <message>
            <source>When it is open</source>
            <translation>أوقات العمل</translation>
        </message>
        <message>
            <source>Where and how to contact them</source>
            <translation>المكان وطريقة التواصل</translation>
        </message>
        <message>
            <source>Ask them to contact me</source>
            <translation>اطلب منهم التواصل معي</translation>
        </message>
        <message>
            <source>Ask the desk to book this for me</source>
            <translation>اطلب من الاستقبال حجز هذا لي</translation>
        </message>
        <message>
            <source>Phone: %1</source>
            <translation>الهاتف: %1</translation>
        </message>
        <message>
            <source>For people aged %1 to %2.</source>
            <translation>للأشخاص من عمر %1 إلى %2 سنة.</translation>
        </message>
        <message>
            <source>For people aged %1 or over.</source>
            <translation>للأشخاص بعمر %1 سنة فأكثر.</translation>
        </message>
        <message>
            <source>For people aged %1 or under.</source>
            <translation>للأشخاص بعمر %1 سنة فأقل.</translation>
        </message>
        <message>
            <source>The service says: %1</source>
            <translation>تقول الخدمة: %1</translation>
        </message>
        <message>
            <source>Anyone can use it.</source>
            <translation>يمكن لأي شخص استخدامها.</translation>
        </message>
        <message>
            <source>Press “Ask the desk to book this for me”. The desk team will phone you about what else may help.</source>
            <translation>اضغط على “اطلب من الاستقبال حجز هذا لي”. سيتصل بك فريق الاستقبال بشأن ما قد يساعدك.</translation>
        </message>
        <message>
            <source>Press “Ask them to contact me” and leave your name and phone number. They will phone you.</source>
            <translation>اضغط على “اطلب منهم التواصل معي” واترك اسمك ورقم هاتفك. سيتصلون بك.</translation>
        </message>
        <message>
            <source>Staff need to ask this service for you. Press “Ask the desk to book this for me” and the desk team will do it and phone you.</source>
            <translation>يجب أن يطلب أحد الموظفين هذه الخدمة لك. اضغط على “اطلب من الاستقبال حجز هذا لي” وسيقوم فريق الاستقبال بذلك ويتصل بك.</translation>
        </message>
        <message>
            <source>You can also just go along when it is open.</source>
            <translation>يمكنك أيضًا الذهاب مباشرة في أوقات العمل.</translation>
        </message>
        <message>
            <source>%1 to %2</source>
            <translation>من %1 إلى %2</translation>
        </message>
        <message>
            <source>Next open:</source>
            <translation>أقرب أوقات العمل:</translation>
        </message>
        <message>
            <source>Opening times are not listed. Please ask at the desk.</source>
            <translation>أوقات العمل غير مذكورة. اسأل في مكتب الاستقبال.</translation>
        </message>
    </context>
    <context>
        <name>ServicesScreen</name>
        <message>
            <source>Looking for help near you…</source>
            <translation>نبحث عن مساعدة قريبة منك…</translation>
        </message>
        <message>
            <source>These places can help. Touch one to find out more.</source>
            <translation>هذه الأماكن يمكنها المساعدة. المس أحدها لمعرفة المزيد.</translation>
        </message>
        <message>
            <source>We could not find help for this on this screen. Please ask at the desk.</source>
            <translation>لم نجد مساعدة لهذا على هذه الشاشة. اسأل في مكتب الاستقبال.</translation>
        </message>
        <message>
            <source>The names and details of services are in English, as the services wrote them.</source>
            <translation>أسماء الخدمات وتفاصيلها باللغة الإنجليزية، كما كتبتها الخدمات.</translation>
        </message>
    </context>
    <context>
        <name>Slip</name>
        <message>
            <source>The desk team will book “%1” for you and phone you.</source>
            <translation>سيحجز فريق الاستقبال “%1” لك ويتصل بك.</translation>
        </message>
        <message>
            <source>“%1” will phone you on the number you gave.</source>
            <translation>سيتصل بك “%1” على الرقم الذي أعطيته.</translation>
        </message>
        <message>
            <source>Your request has been sent.</source>
            <translation>تم إرسال طلبك.</translation>
        </message>
        <message>
            <source>Your request is saved and will be sent as soon as the connection is back.</source>
            <translation>تم حفظ طلبك وسيُرسل فور عودة الاتصال.</translation>
        </message>
        <message>
            <source>Your request for help</source>
            <translation>طلبك للمساعدة</translation>
        </message>
        <message>
            <source>Service:</source>
            <translation>الخدمة:</translation>
        </message>
        <message>
            <source>Your reference number</source>
            <translation>رقمك المرجعي</translation>
        </message>
        <message>
            <source>Say this number if you phone them or ask at the desk.</source>
            <translation>اذكر هذا الرقم إذا اتصلت بهم أو سألت في مكتب الاستقبال.</translation>
        </message>
    </context>
    <context>
        <name>UnavailableScreen</name>
        <message>
            <source>Sorry, this screen is not working right now.</source>
            <translation>عذرًا، هذه الشاشة لا تعمل الآن.</translation>
        </message>
        <message>
            <source>Please ask at the desk. They can help you in the same way.</source>
            <translation>اسأل في مكتب الاستقبال. يمكنهم مساعدتك بالطريقة نفسها.</translation>
        </message>
    </context>
</TS>
