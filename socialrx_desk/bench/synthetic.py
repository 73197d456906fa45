"""A synthetic Open Referral UK directory of any size, for benchmarks.

Services are drawn from realistic social-prescribing service types, each with several name and description
variants, spread over many towns and organisations, so that word frequencies look like a national directory:
a few words are very common ("support", "advice"), most are rare. Records are v1-shaped dicts with the same
fields the real importer reads.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from typing import Any

TOWNS = [
    "Liverpool",
    "Manchester",
    "Leeds",
    "Sheffield",
    "Bradford",
    "Bristol",
    "Coventry",
    "Leicester",
    "Nottingham",
    "Derby",
    "Stoke",
    "Wolverhampton",
    "Plymouth",
    "Southampton",
    "Portsmouth",
    "Reading",
    "Norwich",
    "Exeter",
    "Carlisle",
    "Preston",
    "Blackpool",
    "Bolton",
    "Wigan",
    "Oldham",
    "Rochdale",
    "Salford",
    "Stockport",
    "Halifax",
    "Huddersfield",
    "Wakefield",
    "Barnsley",
    "Rotherham",
    "Doncaster",
    "Hull",
    "York",
    "Durham",
    "Sunderland",
    "Gateshead",
    "Newcastle",
    "Middlesbrough",
    "Darlington",
    "Lincoln",
    "Grimsby",
    "Ipswich",
    "Colchester",
    "Luton",
    "Bedford",
    "Northampton",
    "Oxford",
    "Swindon",
    "Gloucester",
    "Worcester",
    "Hereford",
    "Shrewsbury",
    "Telford",
    "Chester",
    "Crewe",
    "Warrington",
    "Birkenhead",
    "Southport",
    "Lancaster",
    "Kendal",
    "Whitby",
    "Scarborough",
    "Harrogate",
    "Bath",
    "Taunton",
    "Truro",
    "Torquay",
    "Bournemouth",
    "Poole",
    "Salisbury",
    "Winchester",
    "Brighton",
    "Hastings",
    "Eastbourne",
    "Maidstone",
    "Canterbury",
    "Margate",
    "Dover",
    "Chelmsford",
]

# (taxonomy term, name variants, description fragments, access routes, minimum age)
TYPES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...], int | None], ...] = (
    (
        "Home adaptations",
        (
            "Grab rails and stair rails",
            "Home adaptations service",
            "Disabled Facilities Grant team",
            "Ramps and level access",
        ),
        (
            "fitting grab rails, banisters and key safes",
            "level-access showers and stairlifts",
            "ramps and widened doorways for wheelchair users",
            "adaptations so you can stay safe at home",
        ),
        ("appointment", "referral"),
        18,
    ),
    (
        "Falls prevention",
        ("Falls prevention service", "Steady on your feet", "Home safety check"),
        (
            "a home visit for people who have fallen or fear falling",
            "strength and balance classes",
            "checks on lighting, rugs and stairs to prevent falls",
        ),
        ("appointment",),
        60,
    ),
    (
        "Handyperson services",
        ("Handyperson scheme", "Small repairs service", "Home improvement agency"),
        (
            "small repairs such as loose carpets, curtain rails and smoke alarms",
            "trusted trades for older people",
            "help with repairs to roofs, windows and electrics",
        ),
        ("appointment", "referral"),
        60,
    ),
    (
        "Affordable warmth",
        ("Warm homes grants", "Boiler replacement scheme", "Affordable warmth service"),
        (
            "grants to repair or replace broken boilers and heating",
            "help for households who cannot heat the home",
            "first-time central heating for low income homes",
        ),
        ("referral",),
        None,
    ),
    (
        "Energy advice",
        ("Energy advice line", "Fuel debt advice", "Energy bills support"),
        (
            "advice on energy bills, tariffs and prepayment meters",
            "help with gas and electricity arrears",
            "warm home discount applications",
        ),
        ("appointment", "drop-in"),
        None,
    ),
    (
        "Damp and mould",
        ("Damp and mould team", "Healthy homes team"),
        ("inspections for damp, condensation and black mould", "enforcement against landlords of unsafe homes"),
        ("referral",),
        None,
    ),
    (
        "Insulation",
        ("Insulation scheme", "Loft and cavity wall insulation"),
        ("free loft and cavity wall insulation", "draught-proofing for cold homes"),
        ("referral",),
        None,
    ),
    (
        "Debt advice",
        ("Debt advice service", "Money advice centre", "Community money advice"),
        (
            "confidential help with debts, council tax and rent arrears",
            "budgeting help and talking to creditors",
            "debt relief orders and bailiffs",
        ),
        ("appointment", "drop-in"),
        18,
    ),
    (
        "Welfare benefits advice",
        ("Benefits advice", "Welfare rights service", "Benefits check"),
        (
            "help claiming Attendance Allowance, PIP, Universal Credit and Pension Credit",
            "help with benefit forms and appeals",
        ),
        ("appointment",),
        16,
    ),
    (
        "General advice",
        ("Citizens advice", "Advice drop-in", "Community advice hub"),
        ("free independent advice on money, work, housing and consumer problems",),
        ("drop-in",),
        None,
    ),
    (
        "Food support",
        ("Food bank", "Community pantry", "Community kitchen"),
        ("emergency food parcels with a voucher", "low-cost groceries and a hot meal", "toiletries and baby food"),
        ("referral", "drop-in"),
        None,
    ),
    (
        "Occupational therapy",
        ("Occupational therapy service", "Daily living assessment"),
        ("assessment for people who struggle washing, dressing or getting in and out of the bath",),
        ("referral",),
        18,
    ),
    (
        "Community equipment",
        ("Community equipment loans", "Equipment store", "Daily living aids"),
        ("loan of bath boards, toilet frames, perching stools and walking frames",),
        ("referral",),
        None,
    ),
    (
        "Telecare",
        ("Community alarm service", "Telecare service", "Pendant alarm scheme"),
        ("a pendant alarm linked to a 24-hour response centre", "falls detectors and smoke sensors"),
        ("appointment", "self-referral"),
        None,
    ),
    (
        "Sight loss support",
        ("Sight loss service", "Low vision support", "Visual impairment team"),
        ("rehabilitation and mobility training for people with sight loss", "talking equipment and magnifiers"),
        ("referral",),
        None,
    ),
    (
        "Hearing loss support",
        ("Hearing loss support", "Deaf services", "Hearing aid maintenance clinic"),
        ("equipment for deaf and hard of hearing people", "hearing aid batteries and retubing"),
        ("drop-in",),
        None,
    ),
    (
        "Community transport",
        ("Dial-a-ride", "Community transport", "Volunteer car scheme"),
        ("door-to-door transport for people who cannot use buses", "volunteer drivers to medical appointments"),
        ("membership", "appointment"),
        None,
    ),
    (
        "Befriending",
        ("Befriending service", "Telephone friendship line", "Good neighbours scheme"),
        ("a regular friendly call or visit for people who feel lonely or isolated",),
        ("referral", "self-referral"),
        50,
    ),
    (
        "Social groups",
        ("Lunch club", "Men's shed", "Friendship group", "Community cafe"),
        ("company, a hot lunch and activities every week", "a workshop where people meet and make things"),
        ("drop-in",),
        None,
    ),
    (
        "Talking therapies",
        ("NHS talking therapies", "Counselling service", "Wellbeing service"),
        ("talking therapy for low mood, depression, anxiety and stress", "counselling for difficult times"),
        ("self-referral", "appointment"),
        16,
    ),
    (
        "Books on prescription",
        ("Reading Well books", "Books on prescription"),
        ("library books to help manage anxiety, depression and long-term pain",),
        ("drop-in",),
        None,
    ),
    (
        "Bereavement support",
        ("Bereavement support", "Grief support group"),
        ("support after the death of someone close",),
        ("appointment", "self-referral"),
        18,
    ),
    (
        "Weight management",
        ("Healthy weight programme", "Slimming vouchers", "Weight management course"),
        ("a 12-week course on healthy eating and getting active", "free slimming club vouchers"),
        ("referral",),
        18,
    ),
    (
        "Exercise on referral",
        ("Exercise on referral", "Health walks", "Chair exercise class"),
        ("supervised gym and swimming sessions for long-term conditions", "short friendly walks in local parks"),
        ("referral", "drop-in"),
        16,
    ),
    (
        "Stop smoking",
        ("Stop smoking service", "Quit smoking clinic"),
        ("support to quit smoking or vaping with nicotine replacement",),
        ("self-referral", "drop-in"),
        12,
    ),
    (
        "Carers support",
        ("Carers centre", "Carers support service", "Young carers project"),
        ("carers assessments, respite breaks and support for people looking after someone",),
        ("self-referral", "appointment"),
        None,
    ),
    (
        "Housing advice",
        ("Housing options", "Homelessness prevention", "Tenancy support"),
        ("help if you are at risk of losing your home", "support to keep a tenancy and deal with landlords"),
        ("appointment", "drop-in"),
        16,
    ),
    (
        "Home from hospital",
        ("Home from hospital service", "Hospital discharge support"),
        ("short-term help at home after a hospital stay",),
        ("referral",),
        18,
    ),
    (
        "Employment support",
        ("Work and health programme", "Employment support", "Job club"),
        ("help to find or stay in work for people with health conditions",),
        ("appointment", "drop-in"),
        16,
    ),
    (
        "Digital skills",
        ("Digital skills sessions", "Get online", "Tech help cafe"),
        ("help using phones, tablets and the NHS App",),
        ("drop-in",),
        None,
    ),
    (
        "Dementia support",
        ("Memory cafe", "Dementia support service", "Singing for the brain"),
        ("support for people living with dementia and their carers", "a friendly cafe for people with memory problems"),
        ("drop-in", "referral"),
        None,
    ),
    (
        "Garden maintenance",
        ("Garden tidy scheme", "Gardening help"),
        ("help for older people who cannot manage their garden",),
        ("appointment",),
        60,
    ),
)
FILLER = (
    "Open to residents of {town} and surrounding areas.",
    "Run by local volunteers with training and DBS checks.",
    "Free of charge; donations welcome.",
    "Interpreters can be arranged on request.",
    "Please bring proof of address if you have it.",
    "Wheelchair accessible venue with parking nearby.",
    "We work closely with GP practices and social prescribing link workers.",
    "Sessions may change over bank holidays.",
)
DAYS = ("MO", "TU", "WE", "TH", "FR", "SA")


def synthetic_records(count: int, seed: int = 7) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    organisations = [
        (str(uuid.UUID(int=rng.getrandbits(128))), f"{town} {kind}")
        for town in TOWNS
        for kind in ("Community Trust", "Council", "Age Concern", "Voluntary Action", "Health Partnership")
    ]
    for index in range(count):
        term, names, details, access, min_age = TYPES[index % len(TYPES)]
        town = rng.choice(TOWNS)
        org_id, org_name = rng.choice(organisations)
        area = "" if rng.random() < 0.6 else " " + rng.choice(("North", "South", "East", "West"))
        name = f"{rng.choice(names)} ({town}{area})"
        description = " ".join(
            [rng.choice(details).capitalize() + "."]
            + [f.format(town=town) for f in rng.sample(FILLER, k=rng.randint(2, 4))]
        )
        service_id = str(uuid.UUID(int=rng.getrandbits(128)))
        days = sorted(rng.sample(DAYS, k=rng.randint(1, 5)), key=DAYS.index)
        opens = rng.choice(("08:30", "09:00", "09:30", "10:00"))
        closes = rng.choice(("12:30", "16:00", "16:30", "17:00"))
        yield {
            "id": service_id,
            "name": name,
            "description": description,
            "status": "active" if rng.random() > 0.03 else rng.choice(("inactive", "defunct")),
            "attending_access": rng.choice(access),
            "url": f"https://services.example.org/{service_id[:8]}",
            "organization": {"id": org_id, "name": org_name},
            "eligibilitys": [
                {
                    "id": f"el-{index}",
                    "eligibility": "adult" if min_age else None,
                    "minimum_age": min_age,
                    "maximum_age": None,
                }
            ],
            "service_taxonomys": [
                {
                    "id": f"st-{index}",
                    "taxonomy": {"id": f"synthetic:{term.lower()}", "name": term, "vocabulary": "synthetic"},
                }
            ],
            "regular_schedules": [
                {"id": f"rs-{index}", "byday": ",".join(days), "freq": "WEEKLY", "opens_at": opens, "closes_at": closes}
            ],
            "contacts": [
                {
                    "id": f"c-{index}",
                    "name": "Reception",
                    "phones": [{"number": f"0{rng.randint(1000, 1999)} {rng.randint(100000, 999999)}"}],
                }
            ],
            "service_at_locations": [
                {
                    "id": f"sal-{index}",
                    "location": {
                        "id": f"loc-{index % 20000}",
                        "name": f"{org_name}, {town}",
                        "physical_addresses": [
                            {
                                "address_1": f"{rng.randint(1, 200)} High Street",
                                "city": town,
                                "postal_code": f"{town[:2].upper()}{rng.randint(1, 20)} {rng.randint(1, 9)}AB",
                            }
                        ],
                    },
                }
            ],
        }


# Lay queries as a receptionist types them; the benchmark adds typos and as-you-type prefixes of these.
LAY_QUERIES = (
    "keeps falling on the stairs",
    "boiler's packed in",
    "can't pay the gas",
    "skint",
    "lonely since his wife died",
    "hard of hearing",
    "going blind",
    "needs a grab rail by the toilet",
    "can't get in the bath",
    "fuel poverty",
    "damp and black mould in the bedroom",
    "isolated",
    "no one to talk to",
    "can't manage the garden",
    "hoarding",
    "struggling with debt",
    "bailiffs at the door",
    "help with PIP form",
    "universal credit sanction",
    "food bank voucher",
    "no food in the house",
    "low mood",
    "anxious all the time",
    "depressed",
    "can't sleep",
    "grieving",
    "lost her husband",
    "wants to lose weight",
    "overweight",
    "bmi over 35",
    "wants to stop smoking",
    "vaping",
    "looking after my mum",
    "carer at breaking point",
    "being evicted",
    "landlord won't fix the damp",
    "sofa surfing",
    "just out of hospital",
    "discharged yesterday",
    "no transport to hospital appointments",
    "can't use the bus",
    "needs a lift to the GP",
    "can't use a computer",
    "help with the nhs app",
    "lost his job",
    "out of work",
    "wants to get fit",
    "stiff joints need exercise",
    "memory problems",
    "forgetful",
    "dementia diagnosis",
    "pendant alarm",
    "lives alone and worried about falling",
    "lying on the floor for hours",
    "needs a stairlift",
    "wheelchair ramp",
    "walking frame",
    "toilet frame",
    "key safe",
    "smoke alarm fitted",
    "loose carpet trip hazard",
    "leaking roof",
    "broken window",
    "no heating",
    "freezing cold house",
    "house is too cold",
    "electric bill arrears",
    "prepayment meter",
    "council tax arrears",
    "rent arrears",
    "money worries",
    "benefits check",
    "pension credit",
    "attendance allowance",
    "hearing aid batteries",
    "deaf",
    "macular degeneration",
    "magnifier",
    "lunch club",
    "men's shed",
    "befriending",
    "someone to visit him",
    "counselling",
    "stressed out",
    "panic attacks",
    "books for anxiety",
    "chronic pain",
    "diabetes exercise",
    "walking group",
    "swimming",
    "young carer",
    "respite break",
    "homeless",
    "tenancy support",
    "supported housing",
    "help after hospital stay",
    "job search",
    "computer course",
    "tablet help",
    "scam calls",
    "dial a ride",
    "volunteer driver",
    "shopping help",
)


def lay_queries(count: int = 600, seed: int = 11) -> list[str]:
    """At least ``count`` queries: the lay list, then typo'd copies and as-you-type prefixes of it."""
    rng = random.Random(seed)
    queries = list(LAY_QUERIES)
    while len(queries) < count:
        base = rng.choice(LAY_QUERIES)
        kind = rng.random()
        if kind < 0.4:
            words = base.split()
            index = rng.randrange(len(words))
            word = words[index]
            if len(word) > 4:
                position = rng.randrange(1, len(word) - 1)
                words[index] = word[:position] + word[position + 1] + word[position] + word[position + 2 :]
            queries.append(" ".join(words))
        elif kind < 0.8:
            cut = rng.randint(max(3, len(base) // 2), len(base))
            queries.append(base[:cut])
        else:
            queries.append(f"{rng.choice(('patient says', 'she', 'he', 'my dad'))} {base}")
    return queries
