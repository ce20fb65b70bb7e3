"""Message templates: one default per step of the playbook, and the filler (no Qt).

A template is a subject and a body with placeholders in braces, such as ``{greeting}`` or
``{company}``. :func:`fill` turns one into a message from a :class:`TemplateContext` and
never leaves a brace behind:

- some placeholders always have a value, with a natural fallback (``{greeting}`` is
  "Hi Hana," or "Hello,"; ``{the_role}`` is "the Data Engineer role" or "the role");
- a line that uses an *optional* placeholder with nothing recorded (no contact name, no
  sender name) is left out, so a signature line without a name just goes;
- a *list* (the feedback with its prepared answers) with nothing in it takes its whole
  paragraph with it: the lines around it introduce or follow up on the list;
- a placeholder RunnerUp does not know is reported, and its line is left out.

Names in braces are forgiving (``{First Name}`` is ``{first_name}``); ``{{`` and ``}}`` are
literal braces. The defaults follow the playbook: the thank-you note makes a brief case
against each gap and closes on continued interest; a value message asks for a call and keeps
the information itself for it.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from runnerup_desktop.core.domain import Step
from runnerup_desktop.core.news import FeedbackInput

MAX_TEMPLATE_NAME = 200
MAX_SUBJECT = 300
MAX_BODY = 20_000
BLANK_KEY = "blank"


class Kind(Enum):
    ALWAYS = "always"  # has a natural fallback
    OPTIONAL = "optional"  # missing: its line is left out
    LIST = "list"  # empty: its paragraph is left out


@dataclass(frozen=True)
class Placeholder:
    name: str
    kind: Kind
    help: str

    @property
    def token(self) -> str:
        return "{" + self.name + "}"


PLACEHOLDERS: tuple[Placeholder, ...] = (
    Placeholder("greeting", Kind.ALWAYS, "“Hi Hana,” — or “Hello,” when no contact is named"),
    Placeholder("first_name", Kind.OPTIONAL, "The contact's first name"),
    Placeholder("contact_name", Kind.OPTIONAL, "The contact's full name"),
    Placeholder("company", Kind.ALWAYS, "The company's name"),
    Placeholder("the_role", Kind.ALWAYS, "“the Data Engineer role”, or “the role”"),
    Placeholder("job_title", Kind.OPTIONAL, "The opportunity's title"),
    Placeholder("news_date", Kind.OPTIONAL, "The day you heard the news, like “3 March”"),
    Placeholder("time_since_news", Kind.OPTIONAL, "How long ago the news was, like “a week”"),
    Placeholder("feedback_points", Kind.LIST, "Each gap they named with your prepared answer"),
    Placeholder("gaps", Kind.LIST, "Each gap they named, one per line"),
    Placeholder("value_title", Kind.OPTIONAL, "The value item's title (it gives it away)"),
    Placeholder("my_name", Kind.OPTIONAL, "Your name, from your profile (Preferences)"),
    Placeholder("my_email", Kind.OPTIONAL, "Your email address, from your profile"),
    Placeholder("my_phone", Kind.OPTIONAL, "Your phone number, from your profile"),
    Placeholder("signature", Kind.OPTIONAL, "Your signature from your profile, else your name"),
)
_BY_NAME = {p.name: p for p in PLACEHOLDERS}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}")
_SIGN_OFF = "Best regards,\n{signature}"


@dataclass(frozen=True)
class DefaultTemplate:
    """A template RunnerUp ships; ``key`` names it for good (a step's value, or "blank")."""

    key: str
    name: str
    step: Step | None
    subject: str
    body: str


_NAMES = {
    Step.THANK_AND_ASK: "Reply to the news: ask for feedback",
    Step.THANK_YOU_NOTE: "Thank-you note",
    Step.RECALIBRATE: "Ask why a gap matters",
    Step.OFFER_CHECK_IN: "Offer check-in",
    Step.DOOR_OPEN_NOTE: "Door-open note",
    Step.WIDEN_NETWORK: "Stay in touch (LinkedIn)",
    Step.DEMONSTRATE_VALUE: "Value message: ask for a call",
    Step.MIS_HIRE_WINDOW: "Value message at 90 days",
    Step.RE_CONTACT: "Re-contact",
    Step.ROLE_REPOSTED: "The role is posted again",
    Step.NEGOTIATE: "They came back: set up the call",
    Step.FIND_A_TWIN: "Introduce yourself to a twin company",
}


def _default(step: Step, subject: str, *paragraphs: str) -> DefaultTemplate:
    body = "\n\n".join(("{greeting}", *paragraphs, _SIGN_OFF))
    return DefaultTemplate(step.value, _NAMES[step], step, subject, body)


DEFAULT_TEMPLATES: tuple[DefaultTemplate, ...] = (
    _default(
        Step.THANK_AND_ASK,
        "Thank you for letting me know",
        "Thank you for letting me know about {the_role}, and for the time you and the team "
        "spent with me during the process.",
        "If you are open to it, I would value your honest view: in which areas that matter "
        "to you did I come up short? A short call would be ideal, or a few lines by email.",
        "I remain very interested in {company}, and in similar roles there.",
    ),
    _default(
        Step.THANK_YOU_NOTE,
        "Thank you for the call",
        "Thank you for letting me know your decision on {the_role}, and for taking the time "
        "to talk it through with me. Few people do, and I appreciate it.",
        "I would like to add a word on the points you raised:\n{feedback_points}",
        "I enjoyed meeting the team and I remain very interested in {company}. If anything "
        "changes, or another role opens where I could help, I would be glad to hear from you.",
    ),
    _default(
        Step.RECALIBRATE,
        "A question about your feedback",
        "Thank you again for explaining your decision on {the_role}. I am working on what "
        "you told me, and I would like to get it right.",
        "You mentioned:\n{gaps}\nCould you tell me why these matter for the role, and which "
        "matters most to your team?",
        "If it is easier to talk, I would be glad to have a short call.",
    ),
    _default(
        Step.OFFER_CHECK_IN,
        "Checking in on {the_role}",
        "I hope you are well. I wanted to check in once on {the_role}: has the position been "
        "filled?",
        "I remain very interested in {company}, and I would be glad to hear if anything changes.",
    ),
    _default(
        Step.DOOR_OPEN_NOTE,
        "Another role at {company}",
        "I understand {the_role} has been filled; congratulations to the team. I really "
        "enjoyed meeting everyone at {company} during the process.",
        "I would love to be considered for another role there. Do you think I would be?",
    ),
    _default(
        Step.WIDEN_NETWORK,
        "Staying in touch",
        "I enjoyed our conversations during the process for {the_role}, and I would like to "
        "stay in touch and follow what {company} is doing.",
    ),
    _default(
        Step.DEMONSTRATE_VALUE,
        "Something that may interest {company}",
        "I came across something I think matters to {company} and your team, and I would "
        "like to share it with you.",
        "Could we have a short call in the next week or two? Fifteen minutes would be enough, "
        "at a time that suits you.",
    ),
    _default(
        Step.MIS_HIRE_WINDOW,
        "An idea for {company}",
        "I hope things are going well at {company}. I have kept following your work, and I "
        "found something I think could be useful to you and the team.",
        "Would you have time for a short call in the coming weeks? I would be glad to walk "
        "you through it.",
        "I remain very interested in {company}, and I would be glad to help if anything changes.",
    ),
    _default(
        Step.RE_CONTACT,
        "Catching up",
        "It has been {time_since_news} since we spoke about {the_role}, and I wanted to get "
        "back in touch.",
        "I hope all is well with you and the team. I am still very interested in {company}, "
        "and I would like to ask: has anything changed on your side since we last talked?",
        "I would be glad to catch up on a short call if that suits you.",
    ),
    _default(
        Step.ROLE_REPOSTED,
        "About {the_role}",
        "I saw that {company} is hiring for {the_role} again, and I wanted to reach out to you "
        "directly: I am still very interested in the role and in the team.",
        "Since we last spoke I have kept working on what I took away from the process, and I "
        "would be glad to tell you what has changed.",
        "Would you have time for a short call this week or next?",
    ),
    _default(
        Step.NEGOTIATE,
        "Thank you for getting back in touch",
        "Thank you for getting back in touch; I am very glad to hear from you, and still very "
        "interested in {company}.",
        "I would be happy to talk. Could you suggest a time that suits you this week or next?",
    ),
    _default(
        Step.FIND_A_TWIN,
        "Introduction",
        "I have been following what {company} is doing, and I am very interested in the work "
        "of your team.",
        "Would you be open to a short conversation about how I could contribute at {company}?",
    ),
    DefaultTemplate(BLANK_KEY, "Blank", None, "", "{greeting}\n\n\n\n" + _SIGN_OFF),
)
_DEFAULTS = {template.key: template for template in DEFAULT_TEMPLATES}


def default_template(key: str) -> DefaultTemplate | None:
    """The shipped template named ``key`` (a step's value, or :data:`BLANK_KEY`)."""
    return _DEFAULTS.get(key)


def default_for(step: Step) -> DefaultTemplate:
    """The shipped template for a step; steps without one get the blank template."""
    return _DEFAULTS.get(step.value) or _DEFAULTS[BLANK_KEY]


@dataclass(frozen=True)
class TemplateContext:
    """What RunnerUp knows when drafting one message; empty strings mean "not recorded"."""

    contact_name: str = ""
    company: str = ""
    job_title: str = ""
    feedback: tuple[FeedbackInput, ...] = ()
    value_title: str = ""
    my_name: str = ""
    news_on: dt.date | None = None
    today: dt.date | None = None
    my_email: str = ""
    my_phone: str = ""
    #: Lines that sign a message; when empty, the name signs it.
    signature: str = ""


@dataclass(frozen=True)
class FilledMessage:
    subject: str
    body: str
    #: Names in braces RunnerUp did not know; their lines were left out.
    unknown: tuple[str, ...] = ()


def fill(subject: str, body: str, context: TemplateContext) -> FilledMessage:
    """The message a template makes from ``context``; see the module's docstring."""
    values = _values(context)
    unknown: list[str] = []
    filled_subject = " ".join(
        "\n".join(_fill_paragraph(subject.replace("\n", " "), values, unknown)).split()
    )
    paragraphs = re.split(r"\n[ \t]*\n", body.replace("\r\n", "\n").strip("\n"))
    # A paragraph emptied by filling goes; one left empty on purpose (room to write) stays.
    kept = ["\n".join(_fill_paragraph(p, values, unknown)) if p.strip() else "" for p in paragraphs]
    filled_body = "\n\n".join(
        p for p, t in zip(kept, paragraphs, strict=True) if p or not t.strip()
    )
    return FilledMessage(filled_subject, filled_body, tuple(dict.fromkeys(unknown)))


def placeholder_name(raw: str) -> str:
    """How a name in braces is read: ``First Name`` is ``first_name``."""
    return "_".join(raw.strip().lower().replace("-", " ").split())


def unknown_placeholders(text: str) -> list[str]:
    """The names in braces in ``text`` that RunnerUp does not know, as typed."""
    return [
        m.group(1)
        for m in _TOKEN.finditer(text)
        if m.group(1) is not None and placeholder_name(m.group(1)) not in _BY_NAME
    ]


def template_problem(subject: str, body: str) -> str | None:
    """One sentence on what is wrong with a template as typed, or ``None``."""
    for text in (subject, body):
        unknown = unknown_placeholders(text)
        if unknown:
            known = ", ".join(p.token for p in PLACEHOLDERS[:4])
            return (
                f"RunnerUp does not know “{{{unknown[0]}}}”. Use one of its placeholders "
                f"(such as {known}), or write {{{{ and }}}} for a literal brace."
            )
    lists = [
        m.group(1)
        for m in _TOKEN.finditer(subject)
        if m.group(1) and _kind(m.group(1)) is Kind.LIST
    ]
    if lists:
        return f"“{{{lists[0]}}}” is a list, so it can only go in the body."
    if len(subject) > MAX_SUBJECT:
        return f"A subject can be at most {MAX_SUBJECT} characters."
    if len(body) > MAX_BODY:
        return f"A message can be at most {MAX_BODY} characters."
    return None


_HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "mx", "prof", "sir", "dame"})


def first_name(name: str) -> str:
    """ "Hana" for "Hana Kobayashi"; "Dr. Okafor" for "Dr. Ada Okafor"."""
    parts = name.split()
    if len(parts) > 1 and parts[0].lower().rstrip(".") in _HONORIFICS:
        return f"{parts[0]} {parts[-1]}"
    return parts[0] if parts else ""


def greeting(name: str) -> str:
    first = first_name(name)
    return f"Hi {first}," if first else "Hello,"


def feedback_points(feedback: tuple[FeedbackInput, ...]) -> list[str]:
    """ "• Gap: your answer (your example)." for each gap with a prepared answer or example."""
    lines = []
    for item in feedback:
        gap, answer, example = (_tidy(t) for t in (item.gap, item.answer, item.example))
        if not gap or not (answer or example):
            continue
        case = f"{answer} ({example})" if answer and example else answer or example
        lines.append(f"• {_upper_first(gap)}: {case}.")
    return lines


def time_since(news_on: dt.date, today: dt.date) -> str:
    """ "a week", "three weeks", "four months"; "" before a whole day has passed."""
    days = (today - news_on).days
    if days < 1:
        return ""
    if days < 7:
        return _count(days, "day")
    if days < 14:
        return "a week"
    if days < 60:
        return _count(days // 7, "week")
    return _count(round(days / 30.44), "month")


def _values(context: TemplateContext) -> dict[str, str | list[str]]:
    title = _tidy(context.job_title)
    if title and title.lower().split()[-1] in {"role", "position", "job"}:
        the_role = f"the {title}"
    else:
        the_role = f"the {title} role" if title else "the role"
    news_date = since = ""
    if context.news_on is not None:
        day = context.news_on
        same_year = context.today is not None and context.today.year == day.year
        news_date = f"{day.day} {calendar.month_name[day.month]}" + (
            "" if same_year else f" {day.year}"
        )
        if context.today is not None:
            since = time_since(day, context.today)
    contact = _tidy(context.contact_name)
    return {
        "greeting": greeting(contact),
        "first_name": first_name(contact),
        "contact_name": contact,
        "company": _tidy(context.company) or "your company",
        "the_role": the_role,
        "job_title": title,
        "news_date": news_date,
        "time_since_news": since,
        "feedback_points": feedback_points(context.feedback),
        "gaps": [f"• {_upper_first(_tidy(i.gap))}" for i in context.feedback if _tidy(i.gap)],
        "value_title": _tidy(context.value_title),
        "my_name": _tidy(context.my_name),
        "my_email": context.my_email.strip(),
        "my_phone": " ".join(context.my_phone.split()),
        "signature": context.signature.strip() or _tidy(context.my_name),
    }


def _fill_paragraph(
    paragraph: str, values: dict[str, str | list[str]], unknown: list[str]
) -> list[str]:
    """The paragraph's lines filled; ``[]`` when one of its lists is empty."""
    out: list[str] = []
    for line in paragraph.split("\n"):
        drop = False
        pieces: list[str] = []
        position = 0
        for match in _TOKEN.finditer(line):
            pieces.append(line[position : match.start()])
            position = match.end()
            token = match.group(0)
            if token in ("{{", "}}"):
                pieces.append(token[0])
                continue
            raw = match.group(1) or ""
            name = placeholder_name(raw)
            value = values.get(name)
            if value is None:
                unknown.append(raw.strip())
                drop = True
            elif isinstance(value, list):
                if not value:
                    return []
                pieces.append("\n".join(value))
            elif not value:
                drop = True
            else:
                pieces.append(value)
        pieces.append(line[position:])
        if not drop:
            out.append("".join(pieces).rstrip())
    return out if any(line.strip() for line in out) else []


def _kind(raw: str) -> Kind | None:
    placeholder = _BY_NAME.get(placeholder_name(raw))
    return placeholder.kind if placeholder is not None else None


def _tidy(text: str) -> str:
    return " ".join(text.split()).rstrip(".")


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


_NUMBERS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


def _count(number: int, unit: str) -> str:
    if number == 1:
        return f"a {unit}"
    words = _NUMBERS[number] if number < len(_NUMBERS) else str(number)
    return f"{words} {unit}s"
