"""The words of the activity: follow-up steps and channels, interactions and their
summaries, topics and the sentences notes are made of."""

from __future__ import annotations

from itertools import accumulate

from benchmarks.gen.people import word_list
from runnerup_desktop.core.domain import Channel, InteractionKind, Step

# ------------------------------------------------------------------------- follow-ups

STEPS: tuple[Step, ...] = tuple(Step)
STEP_WEIGHTS: tuple[float, ...] = tuple(
    {
        Step.THANK_AND_ASK: 8,
        Step.THANK_YOU_NOTE: 10,
        Step.RECALIBRATE: 5,
        Step.OFFER_CHECK_IN: 4,
        Step.DOOR_OPEN_NOTE: 8,
        Step.WIDEN_NETWORK: 12,
        Step.DEMONSTRATE_VALUE: 12,
        Step.MIS_HIRE_WINDOW: 7,
        Step.RE_CONTACT: 12,
        Step.ROLE_REPOSTED: 1,
        Step.NEGOTIATE: 2,
        Step.FIND_A_TWIN: 5,
        Step.INTERVIEW: 6,
        Step.OTHER: 9,
    }[step]
    for step in STEPS
)
STEP_CUM: list[float] = list(accumulate(STEP_WEIGHTS))
STEP_CHANNELS: dict[Step, tuple[Channel, ...]] = {
    Step.THANK_AND_ASK: (Channel.EMAIL, Channel.PHONE),
    Step.THANK_YOU_NOTE: (Channel.EMAIL, Channel.CARD, Channel.CARD),
    Step.RECALIBRATE: (Channel.NONE,),
    Step.OFFER_CHECK_IN: (Channel.PHONE, Channel.EMAIL),
    Step.DOOR_OPEN_NOTE: (Channel.EMAIL, Channel.LINKEDIN),
    Step.WIDEN_NETWORK: (Channel.LINKEDIN, Channel.EMAIL, Channel.MEETING),
    Step.DEMONSTRATE_VALUE: (Channel.EMAIL, Channel.LINKEDIN),
    Step.MIS_HIRE_WINDOW: (Channel.EMAIL, Channel.PHONE),
    Step.RE_CONTACT: (Channel.EMAIL, Channel.PHONE, Channel.LINKEDIN),
    Step.ROLE_REPOSTED: (Channel.EMAIL, Channel.PHONE),
    Step.NEGOTIATE: (Channel.PHONE, Channel.MEETING),
    Step.FIND_A_TWIN: (Channel.NONE, Channel.LINKEDIN),
    Step.INTERVIEW: (Channel.MEETING,),
    Step.OTHER: tuple(Channel),
}
FOLLOW_UP_NOTES: tuple[str, ...] = (
    "Ask {first} how the new hire is settling in.",
    "Send {first} the article about {topic}.",
    "Thank {first} for the time on the final round.",
    "Check whether the {topic} project got funded.",
    "Mention the talk I gave on {topic}.",
    "Congratulate {first} on the promotion.",
    "Ask for an introduction to the team in {city}.",
    "Share the write-up on {topic}; keep it short.",
    "Offer to help with the {topic} hiring push.",
)

# ----------------------------------------------------------------------- interactions

KINDS: tuple[InteractionKind, ...] = tuple(InteractionKind)
KIND_WEIGHTS: tuple[float, ...] = tuple(
    {
        InteractionKind.CALL: 15,
        InteractionKind.EMAIL: 35,
        InteractionKind.MEETING: 12,
        InteractionKind.MESSAGE: 15,
        InteractionKind.CARD: 3,
        InteractionKind.NOTE: 20,
    }[kind]
    for kind in KINDS
)
KIND_CUM: list[float] = list(accumulate(KIND_WEIGHTS))
CHANNEL_KIND: dict[Channel, InteractionKind] = {
    Channel.EMAIL: InteractionKind.EMAIL,
    Channel.PHONE: InteractionKind.CALL,
    Channel.CARD: InteractionKind.CARD,
    Channel.LINKEDIN: InteractionKind.MESSAGE,
    Channel.MEETING: InteractionKind.MEETING,
    Channel.NONE: InteractionKind.NOTE,
}
SUMMARIES: dict[InteractionKind, tuple[str, ...]] = {
    InteractionKind.CALL: (
        "Called {first} about {topic}; they will know more next week.",
        "Quick call with {first}: the team is still growing in {city}.",
        "{first} called back; the role may reopen after the reorg.",
        "Phone catch-up with {first} about {topic}.",
    ),
    InteractionKind.EMAIL: (
        "Emailed {first} the piece on {topic}.",
        "{first} replied: thanks, and keep in touch.",
        "Sent {first} a short note after the final round.",
        "Email thread with {first} about {topic}.",
        "{first} forwarded my note to the hiring manager.",
    ),
    InteractionKind.MEETING: (
        "Coffee with {first} in {city}; talked about {topic}.",
        "Met {first} at the meetup; they asked about {topic}.",
        "Lunch with {first}: the new hire starts next month.",
        "Video call with {first} and the team lead about {topic}.",
    ),
    InteractionKind.MESSAGE: (
        "LinkedIn message to {first} about {topic}.",
        "{first} liked the post on {topic} and wrote back.",
        "Messaged {first} congratulations on the launch.",
    ),
    InteractionKind.CARD: (
        "Handwritten thank-you card to {first}.",
        "Sent {first} a card for the holidays.",
    ),
    InteractionKind.NOTE: (
        "Note: {first} hinted the winner may not stay.",
        "Note to self: read up on {topic} before the next call.",
        "Heard from a friend that the {city} office is hiring.",
        "Note: the team moved {topic} to next quarter.",
    ),
}
TOPICS: tuple[str, ...] = word_list(
    "the data-platform migration, their Series B, the Kraków office, GDPR audits, the new "
    "pricing page, on-call fatigue, the Zürich offsite, event sourcing, the São Paulo launch, "
    "accessibility reviews, the café-ordering pilot, hiring in Malmö, the mobile rewrite, the "
    "Reykjavík data centre, OKR planning"
)

SENTENCES: tuple[str, ...] = (
    "They chose the other finalist by a hair, and said so plainly.",
    "The hiring manager asked me to stay in touch and meant it.",
    "Mentioned the offsite in Malmö next spring; worth a follow-up in March.",
    "She recommended a book on systems thinking and the café near the office.",
    "The team is rebuilding its data platform and is short on people who have done it before.",
    "Feedback was specific: more evidence of leading through other managers.",
    "The recruiter said the winner has a long notice period, so the start date may slip.",
    "We talked for an hour about on-call, incident reviews and how to grow tech leads.",
    "Their churn is concentrated in mid-market accounts in Düsseldorf and Łódź.",
    "I promised to send the write-up on the migration, with the numbers.",
    "The CTO is from São Paulo and cares a lot about hiring juniors well.",
    "Budget for the second headcount depends on the Q3 numbers.",
    "They use Postgres, Kafka and a lot of dbt; the search team wants Elasticsearch gone.",
    "Ask about the mis-hire window: ninety days after the start date.",
    "Zoë said the interview panel was split three to two.",
    "José is moving to the Bogotá office in the autumn and wants a successor there.",
    "Nothing urgent, but a friendly note every six weeks keeps the door open.",
    "They were impressed by the story about halving pages; lead with it next time.",
    "The role might be re-posted as a senior-executive position after the reorg.",
    "Søren offered an introduction to the platform team in København.",
    "Sent a thank-you card; handwritten, short, no ask.",
    "The office moved to a new building near the harbour; lots of natural light.",
    "Their engineering blog has a post on schema migrations that could be answered.",
    "Remember: Ngozi prefers calls on Tuesday mornings, Lagos time.",
    "Ólafur mentioned a twin role at a sister company in Reykjavík.",
    "The salary band was wider than advertised; negotiate on scope, not only on pay.",
    "The product is loved by power users but onboarding takes weeks.",
    "Nguyễn Thị Hương leads the Hà Nội team and hires twice a year.",
    "The company Slack is full of emoji reactions; the culture is informal. 🎉",
    "I should prepare a thirty-sixty-ninety plan in case they come back.",
)
