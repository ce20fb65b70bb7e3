"""What the generated companies look like and what happens there: names, industries,
roles and titles, openings and how far they get, stories and feedback."""

from __future__ import annotations

from benchmarks.gen.people import word_list
from runnerup_desktop.core.domain import CompanyStatus, ContactRole, Importance, JobLevel, Stage

# ------------------------------------------------------------------------- companies

BRANDS: tuple[str, ...] = word_list(
    "Northwind, Bluepeak, Fjordlys, Aurora, Kestrel, Lumen, Nordlys, Solberg, Crème, Halcyon, "
    "Ålesund, Brightwater, Meridian, Polaris, Cobalt, Saffron, Tidewater, Juniper, Ironbark, "
    "Quill, Vireo, Larkspur, Sägewerk, Bergström, Ébène, Corvid, Nimbus, Granite, Helix, "
    "Orchard, Pelican, Sierra, Tundra, Umbra, Verdant, Wren, Zephyr, Açaí, Mañana, Señal, "
    "Lótus, Kōan, Mosaic, Pinnacle, Riverstone, Sable, Tessellate, Upland, Vantage, Willow, "
    "Yarrow, Zenith, Beacon, Cascade, Driftwood, Ember, Foxglove, Gossamer, Harbor, Indigo, "
    "Jade, Kelp, Lodestar, Magnolia, Nettle, Obsidian, Papillon, Quartz, Rosalind, Sørlandet, "
    "Trøndelag, Élan, Öresund, Łąka, Čapek, Ísafold, Đông Á, Sakura, Baobab, Kilimanjaro, "
    "Atlas, Caldera, Delta, Estuary, Fennel, Glacier, Hawthorn, Ibex, Jetty, Kiln, Lighthouse"
)

SECTORS: tuple[str, ...] = word_list(
    "Analytics, Labs, Systems, Logistics, Health, Robotics, Energy, Foods, Studio, Capital, "
    "Bank, Insurance, Software, Biotech, Mobility, Media, Games, Retail, Textiles, Maritime, "
    "Aerospace, Telecom, Consulting, Design, Pharma, Security, Cloud, Data, Payments, Learning, "
    "Architects, Brewing"
)

GROUP_WORDS: tuple[str, ...] = ("Group", "Partners", "Collective", "Works", "Holdings", "& Co.")
STARTUP_ENDINGS: tuple[str, ...] = ("ly", "ify", "io", "hub", "works", "AI", "stack", "ora")

INDUSTRIES: tuple[str, ...] = word_list(
    "Software, Fintech, Healthcare, Biotechnology, Logistics, Retail, E-commerce, Energy, "
    "Renewable energy, Manufacturing, Automotive, Aerospace, Telecommunications, Media, Video "
    "games, Education, Consulting, Banking, Insurance, Real estate, Hospitality, Food & "
    "beverage, Pharmaceuticals, Cybersecurity, Data platforms, Public sector, Non-profit, "
    "Architecture, Maritime, Agriculture, Fashion, Légal services"
)

STATUS_IDLE: tuple[CompanyStatus, ...] = (
    CompanyStatus.TARGET,
    CompanyStatus.TARGET,
    CompanyStatus.TARGET,
    CompanyStatus.ARCHIVED,
)

# ---------------------------------------------------------------------- contact roles

ROLES: tuple[ContactRole, ...] = tuple(ContactRole)
ROLE_WEIGHTS: tuple[float, ...] = tuple(
    {
        ContactRole.HIRING_MANAGER: 14,
        ContactRole.RECRUITER: 16,
        ContactRole.HR: 8,
        ContactRole.INTERVIEWER: 22,
        ContactRole.INSIDER: 14,
        ContactRole.REFERRAL: 8,
        ContactRole.WINNING_CANDIDATE: 3,
        ContactRole.OTHER: 15,
    }[role]
    for role in ROLES
)
NEWS_ROLES = frozenset({ContactRole.RECRUITER, ContactRole.HR, ContactRole.HIRING_MANAGER})

TITLES: dict[ContactRole, tuple[str, ...]] = {
    ContactRole.HIRING_MANAGER: word_list(
        "Director of Engineering, Head of Product, VP Data, Engineering Manager, Head of "
        "Design, Chief Technology Officer, Directrice financière, Leiterin Softwareentwicklung, "
        "Head of Customer Success, Operations Director"
    ),
    ContactRole.RECRUITER: word_list(
        "Senior Technical Recruiter, Talent Partner, Talent Acquisition Lead, Recruiter, "
        "Executive Search Consultant, Responsable recrutement, Talent Sourcer"
    ),
    ContactRole.HR: (
        "HR Business Partner",
        "People Operations Manager",
        "Chief People Officer",
        "Personalreferentin",
        "HR Generalist",
    ),
    ContactRole.INTERVIEWER: word_list(
        "Staff Engineer, Senior Product Manager, Principal Designer, Data Scientist, Tech Lead, "
        "Engineering Manager, Solutions Architect, Product Analyst, Senior Software Engineer, "
        "UX Researcher"
    ),
    ContactRole.INSIDER: (
        "Software Engineer",
        "Product Marketing Manager",
        "Account Executive",
        "Former colleague",
        "Customer Success Manager",
        "Desarrolladora sénior",
    ),
    ContactRole.REFERRAL: (
        "Friend of a friend",
        "Former manager",
        "Alumni network",
        "Meetup organiser",
        "Mentor",
    ),
    ContactRole.WINNING_CANDIDATE: ("Engineering Manager", "Product Lead", "Senior Designer"),
    ContactRole.OTHER: (
        "Founder",
        "Board member",
        "Investor",
        "Office manager",
        "Conference speaker",
        "Community lead",
    ),
}

# ---------------------------------------------------------------------- opportunities

OPENINGS: tuple[tuple[str, JobLevel], ...] = (
    ("Engineering Manager, Data Platform", JobLevel.MIDDLE_MANAGEMENT),
    ("Senior Software Engineer", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Staff Engineer, Payments", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Senior Product Designer", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Product Manager, Growth", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Head of Data", JobLevel.MIDDLE_MANAGEMENT),
    ("Director of Engineering", JobLevel.SENIOR_EXECUTIVE),
    ("VP Product", JobLevel.SENIOR_EXECUTIVE),
    ("Chief Technology Officer", JobLevel.SENIOR_EXECUTIVE),
    ("Data Scientist, Forecasting", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Team Lead, Mobile", JobLevel.MIDDLE_MANAGEMENT),
    ("Responsable d'équipe Données", JobLevel.MIDDLE_MANAGEMENT),
    ("Teamleiter Backend-Entwicklung", JobLevel.MIDDLE_MANAGEMENT),
    ("Desarrollador/a Sénior", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Site Reliability Engineer", JobLevel.INDIVIDUAL_CONTRIBUTOR),
    ("Customer Success Director", JobLevel.SENIOR_EXECUTIVE),
    ("UX Research Lead", JobLevel.MIDDLE_MANAGEMENT),
    ("Solutions Architect", JobLevel.INDIVIDUAL_CONTRIBUTOR),
)

STAGES: tuple[Stage, ...] = tuple(Stage)
STAGE_WEIGHTS: tuple[float, ...] = tuple(
    {
        Stage.APPLIED: 12,
        Stage.INTERVIEWING: 14,
        Stage.FINAL_ROUND: 8,
        Stage.OFFER: 4,
        Stage.RUNNER_UP: 22,
        Stage.HIRED: 6,
        Stage.CLOSED: 34,
    }[stage]
    for stage in STAGES
)
OPEN = frozenset({Stage.APPLIED, Stage.INTERVIEWING, Stage.FINAL_ROUND, Stage.OFFER})
FINALISTS = frozenset({Stage.FINAL_ROUND, Stage.OFFER, Stage.RUNNER_UP, Stage.HIRED})
NEWS = frozenset({Stage.OFFER, Stage.RUNNER_UP, Stage.HIRED, Stage.CLOSED})

STORIES: tuple[str, ...] = (
    "Rebuilt the on-call rotation and halved pages.",
    "Grew two engineers into tech leads within a year.",
    "Led a 15-person cross-team migration as the single owner.",
    "Cut cloud spend by 38% without a single incident.",
    "Shipped the Łódź warehouse integration two weeks early.",
    "Ran the hiring loop for twelve roles, with a 90% offer-acceptance rate.",
    "Turned around a churning enterprise account in São Paulo.",
    "Designed the pricing experiment that lifted conversion by 11%.",
    "Wrote the incident-review playbook now used company-wide.",
    "Mentored a career-changer from the Zürich bootcamp into a senior role.",
)

GAPS: tuple[tuple[str, str, str], ...] = (
    (
        "Has not managed a team larger than eight",
        "Led a 15-person cross-team migration as the single owner.",
        "Payments migration: 15 engineers across three teams.",
    ),
    (
        "Less experience with Kubernetes at scale",
        "Ran 40 services on Nomad; the concepts carry over and I have started the CKA.",
        "Moved the batch fleet without downtime.",
    ),
    (
        "Wanted more direct B2B sales exposure",
        "Co-owned three enterprise renewals with the account team last year.",
        "Renewal with a Düsseldorf insurer, worth €1.2M.",
    ),
    (
        "No experience in regulated healthcare",
        "Worked under PCI-DSS and SOC 2; the discipline is the same.",
        "Audit passed with no findings.",
    ),
    (
        "The other finalist spoke fluent Portuguese",
        "Taking lessons twice a week; conversational by summer.",
        "",
    ),
    (
        "Concern about stakeholder management with the board",
        "Presented the quarterly roadmap to the board four times.",
        "Board review, Q3: roadmap approved without changes.",
    ),
    (
        "Portfolio light on mobile work",
        "Two shipped mobile projects that were not in the portfolio; added them.",
        "Café-ordering app redesign, 4.8 stars.",
    ),
    (
        "Less hands-on with data modelling than hoped",
        "Built the dbt models behind the finance dashboards.",
        "",
    ),
)
IMPORTANCES: tuple[Importance, ...] = tuple(Importance)

VALUE_TITLES: tuple[str, ...] = (
    "Competitor {brand} launched a cheaper tier",
    "Article: how {brand} cut onboarding time in half",
    "{brand} customer complaining about exports on a forum",
    "Conference talk on their stack, with a question I could answer",
    "New regulation in {city} that affects their roadmap",
    "Open-source library that would fix their search latency",
    "Podcast interview with their CEO: three follow-up ideas",
    "Benchmark comparing their API with {brand}'s",
)
