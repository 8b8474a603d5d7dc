"""What a paper does with each entity: proposes, uses, evaluates on, compares with, addresses,
reports, or only mentions it.

Each mention gets a role from the cues of its sentence (`kg/data/cues/roles.json`: the words right
before and after it, whether the sentence is about the paper's own work, the title); a paper's role
for an entity is the strongest role that an explicit cue gave it, else the strongest default. A
sentence that only describes background ("Models are typically pre-trained on ImageNet") gives
`mentions`, whatever its verbs say. Pure Python: it runs after the corpus pass, on text and mentions.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from kg import resources
from kg.extract.raw import RawExtraction
from kg.extract.regex_tools import Gated, any_of, literal_scan, required_words, starts_at_word

LEFT_WINDOW = 90
RIGHT_WINDOW = 60
PROPOSAL_REACH = 200
PROPOSABLE = ("Method", "Dataset", "Benchmark")
_DIGIT = re.compile(r"\d")
_NAMED = Gated.of(r"\b(?:called|named|dubbed|termed|coined|denoted as|referred to as)\s+(?:as\s+)?$")
_APPOSITION_NAMED = Gated.of(r",\s*(?:called|named|dubbed|termed|coined|namely)\s+(?:as\s+)?"
                               r"(?:[\w-]+\s*(?:,\s*(?:and\s+)?|and\s+))?$")  # "..., namely A and B"
_SET_OFF = re.compile(r"[:,\u2013\u2014]\s*[\"'\u201c\u2018]*$")  # right before a name: in apposition
_WE_NAME = Gated.of(r"\b(?:which|that|what)\s+we\s+(?:call|name|dub|term|refer\s+to\s+as)\s+$")
_NOT_THE_NEW_THING = re.compile(r"\b(?:compar\w*|than|against|baselines?|outperform\w*|such as|like|including|and|"
                                r"test(?:s|ed|ing)?|evaluat\w*|appl(?:y|ies|ied|ying)|us(?:e|es|ed|ing))\b")
# a name after "a novel" or ", called" that belongs to someone else's work ("compare against a recent
# system, called X", "an off-the-shelf toolkit, called X")
_NOT_NEW_CONTEXT = re.compile(r"\b(?:compar\w*|against|than|versus|vs|evaluat\w*|existing|off-the-shelf|recent|"
                              r"popular|well-known|standard|baselines?|prior|previous|conventional|traditional)\b")
# "we propose a new supervised pre-training method": the known name describes the new method, which it is not
_DESCRIBES_HEAD = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?(?:-?based\s+)?(?:method|approach|framework|model|technique|"
                             r"scheme|strategy|architecture|algorithm|paradigm|objective|loss|adapter|module|layer|"
                             r"block|network|encoder|decoder|pipeline|system|toolkit)s?\b")
_TIGHT_PROPOSAL = re.compile(r"\b(?:propose|introduce|present|release)[sd]?\s+(?:(?:a |an |the )?(?:novel |new )?"
                             r"|(?:(?!compar|than\b|against|baseline|outperform)[^,;.()])*?\b(?:called|named|dubbed|termed|coined)\s+"
                             # "we introduce a new detection method Min-K% Prob", "a dynamic benchmark WikiMIA"
                             r"|(?:a |an )(?:(?!(?:to|for|of|and|or|with|on|in) )[\w-]+ ){0,3}?"
                             r"(?:dataset|benchmark|corpus|method|model|metric|framework|algorithm|suite|collection)s? )$")

# which roles make sense for which type; anything else falls back as mapped here
ALLOWED = {
    "Method": {"proposes", "uses", "compares_with", "mentions"},
    "Dataset": {"proposes", "uses", "evaluates_on", "compares_with", "mentions"},
    "Benchmark": {"proposes", "uses", "evaluates_on", "compares_with", "mentions"},
    "Task": {"proposes", "addresses", "mentions"},
    "Metric": {"proposes", "reports", "mentions"},
}
FALLBACK = {
    "Method": {"evaluates_on": "uses", "addresses": "uses", "reports": "mentions"},
    "Dataset": {"addresses": "uses", "reports": "evaluates_on"},
    "Benchmark": {"addresses": "evaluates_on", "reports": "evaluates_on"},
    "Task": {"uses": "addresses", "evaluates_on": "addresses", "compares_with": "mentions", "reports": "addresses"},
    "Metric": {"uses": "reports", "evaluates_on": "reports", "compares_with": "reports", "addresses": "reports"},
}


@dataclass(frozen=True)
class Rule:
    id: str
    role: str
    kind: str  # "negative", "proposal" or "cue"
    types: frozenset[str] | None
    left: re.Pattern[str] | None
    right: re.Pattern[str] | None
    discovered_only: bool = False  # not for gazetteer entities (their release is another paper's)
    own_only: bool = False  # only in a sentence about the paper's own work
    not_left: re.Pattern[str] | None = None  # the rule does not apply where this matches before the mention
    in_proposal: bool = False  # only in a sentence that proposes something ("we construct ...")
    not_right: re.Pattern[str] | None = None  # the rule does not apply where this matches after the mention
    sentence_pattern: re.Pattern[str] | None = None  # only in a sentence where this matches (all of it)
    # words one of which the left context must contain (`required_words`), for a left pattern that may
    # start anywhere; () for one that starts at a word, or where no such words are known
    left_words: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleCues:
    strength: tuple[str, ...]
    own: re.Pattern[str]  # any of the "own sentence" cues, as one alternation (one scan per sentence)
    background: re.Pattern[str]
    rules: tuple[Rule, ...]
    title_roles: dict[str, str]
    defaults: dict[str, str]
    evaluation: re.Pattern[str]
    proposal: re.Pattern[str]
    not_object: re.Pattern[str]  # "an analysis of", "a study on": the verb's object is not the name
    variant_of: re.Pattern[str]  # "a variant of", "an extension of": the named method is not the new thing
    purpose: re.Pattern[str]  # "to fine-tune ...": a purpose clause after the verb's object
    title_lead: re.Pattern[str]  # after a name that opens the title ("MoRE: Multi-Modal ...")
    title_lead_left: re.Pattern[str]  # before it: nothing, or the names it is listed with ("A and B: ...")
    title_lead_types: frozenset[str]
    survey_title: Gated  # a survey describes methods and datasets; it does not use them
    survey_default: str
    leading_task_sentences: int
    component_of_proposed: re.Pattern[str]  # between a proposed name and a discovered part of it
    by_type: dict[str, TypeRules]  # the rules that apply to each type, with their contexts joined


@dataclass(frozen=True)
class TypeRules:
    """A type's rules in order, and one alternation of their left and of their right contexts: most
    mentions have no cue at all, and one scan of each side says so. Left contexts with `left_words` are
    left out of `any_left`: `left_gate` finds their words (a fast scan for literals), and only then is
    such a context searched (trying them at every position of every mention's window took half of the
    time of the scan for a method's cues)."""
    rules: tuple[Rule, ...]
    any_left: re.Pattern[str]
    any_right: re.Pattern[str]
    left_gate: re.Pattern[str] | None

    @classmethod
    def of(cls, rules: tuple[Rule, ...]) -> TypeRules:
        return cls(rules, any_of([r.left.pattern for r in rules if r.left is not None and not r.left_words],
                                  guard_word_starts=True),
                   any_of([r.right.pattern for r in rules if r.right is not None], guard_word_starts=True),
                   literal_scan([w for r in rules for w in r.left_words]))


@dataclass(frozen=True)
class RoleDecision:
    role: str
    rule: str
    confidence: float
    explicit: bool = True  # a cue decided it (not a default)


@lru_cache(maxsize=None)
def role_cues() -> RoleCues:
    data = json.loads(resources.data("cues", "roles.json").read_text(encoding="utf-8"))
    rules = tuple(Rule(r["id"], r["role"], r["kind"], frozenset(r["types"]) if "types" in r else None,
                       re.compile(r["left"]) if "left" in r else None,
                       re.compile(r["right"]) if "right" in r else None, r.get("discovered_only", False),
                       r.get("own_only", False), re.compile(r["not_left"]) if "not_left" in r else None,
                       r.get("in_proposal", False), re.compile(r["not_right"]) if "not_right" in r else None,
                       re.compile(r["sentence_pattern"]) if "sentence_pattern" in r else None,
                       required_words(r["left"]) if "left" in r and not starts_at_word(r["left"]) else ())
                  for r in data["rules"])
    lead = data["position"]["title_lead"]
    by_type = {etype: TypeRules.of(tuple(r for r in rules if r.types is None or etype in r.types))
               for etype in ALLOWED}
    return RoleCues(tuple(data["strength"]), any_of(data["own_sentence"]), any_of(data["background_sentence"]), rules,
                    data["position"]["title_roles"], data["defaults"], re.compile(data["evaluation_sentence"]),
                    re.compile(data["proposal_sentence"]), re.compile(data["proposal_not_object"]),
                    re.compile(data["proposal_variant_of"]), re.compile(data["proposal_purpose"]),
                    re.compile(lead["right"]), re.compile(lead["left"]), frozenset(lead["types"]),
                    Gated.of(data["position"]["survey_title"]),
                    data["position"]["survey_default"], data["position"]["leading_sentences_task"],
                    re.compile(data["component_of_proposed"]), by_type)


def strongest(roles) -> str:
    order = role_cues().strength
    return min(roles, key=order.index) if roles else "mentions"


def paper_role(decisions: list[RoleDecision]) -> tuple[str, list[str]]:
    """(role, roles) of an entity in a paper from its mentions' decisions: explicit cues first."""
    explicit = {d.role for d in decisions if d.explicit and d.role != "mentions"}
    pool = explicit or {d.role for d in decisions}
    order = role_cues().strength
    roles = sorted(({d.role for d in decisions} - {"mentions"}) or {"mentions"}, key=order.index)
    return strongest(pool), roles


def _fit(etype: str, role: str) -> str:
    if role in ALLOWED.get(etype, {role}):
        return role
    return FALLBACK.get(etype, {}).get(role, "mentions")


def decide(etype: str, left: str, right: str, own: bool, sentence: str, known: bool = False) -> RoleDecision:
    """The role that the words around one mention give it. `known`: the entity is in the gazetteer,
    so "we propose ... X" proposes it only when X is the very object of the verb."""
    cues = role_cues()
    typed = cues.by_type.get(etype) or TypeRules.of(tuple(r for r in cues.rules if r.types is None))
    first_left = typed.any_left.search(left)
    any_left = first_left is not None
    any_right = typed.any_right.search(right) is not None
    gate_open = typed.left_gate is not None and typed.left_gate.search(left) is not None
    # no rule's left context matches before the first match of any of them: each rule looks from there on
    left_from = first_left.start() if first_left is not None else 0
    for rule in typed.rules if any_left or any_right or gate_open else ():
        # the right contexts first: anchored at the mention, they fail at once
        if rule.right is not None and (not any_right or not rule.right.search(right)):
            continue
        if rule.left_words:
            if not gate_open or not any(word in left for word in rule.left_words) or not rule.left.search(left):
                continue
        elif rule.left is not None and (not any_left or not rule.left.search(left, left_from)):
            continue
        if rule.not_left is not None and rule.not_left.search(left):
            continue
        if rule.in_proposal and not cues.proposal.search(sentence):
            continue
        if rule.sentence_pattern is not None and not rule.sentence_pattern.search(sentence):
            continue
        if rule.not_right is not None and rule.not_right.match(right):
            continue
        if known and (rule.discovered_only or rule.id == "we-propose"
                      and (not _TIGHT_PROPOSAL.search(left) or _DESCRIBES_HEAD.match(right))):
            continue
        if rule.id == "we-propose" and _object_is_analysis(left, cues) or rule.own_only and not own:
            continue
        if rule.id in ("named-own", "a-novel-name") and _NOT_NEW_CONTEXT.search(left):
            continue
        if rule.kind == "negative":
            return RoleDecision("mentions", rule.id, 0.7)
        if rule.kind == "proposal":
            return RoleDecision(_fit(etype, "proposes"), rule.id, 0.85)
        if not own:
            return RoleDecision("mentions", f"background:{rule.id}", 0.6)
        return RoleDecision(_fit(etype, rule.role), rule.id, 0.8)
    if not own:
        return RoleDecision("mentions", "background", 0.6, explicit=False)
    role = cues.defaults.get(etype, "mentions")
    if etype == "Dataset" and cues.evaluation.search(sentence):
        role = "evaluates_on"
    return RoleDecision(role, "own-sentence", 0.55, explicit=False)


def _last_proposal_verb(text: str, cues: RoleCues) -> re.Match[str] | None:
    """The last "we propose / introduce ..." in `text` (lower case), if any."""
    verb = None
    for verb in cues.proposal.finditer(text):
        pass
    return verb


def _after_purpose_clause(before: str, start: int, cues: RoleCues) -> bool:
    """"we introduce LoRA modules to fine-tune the FFN layers": the name follows a purpose clause after
    the verb's object, so it is not the new thing; unless it is set off from the clause, in apposition
    to the object ("a new method to address image deblurring: DeblurNet")."""
    purpose = cues.purpose.search(before, start)
    return purpose is not None and not _SET_OFF.search(before, purpose.end())  # (not "..., following X")


def _object_is_analysis(left: str, cues: RoleCues) -> bool:
    """"we present an extensive analysis for X", "we propose a variant of X": the last proposal verb's
    object is not X."""
    verb = _last_proposal_verb(left, cues)
    return verb is not None and (cues.not_object.match(left, verb.end()) is not None
                                 or cues.variant_of.match(left, verb.end()) is not None)


# "Moto" -> "Moto-GPT", "MP" -> "MP+", "LOOK" -> "LOOK 2"; not "RoMA-pretrained Mamba"
_EXTENSION = re.compile(r"(?:[-+]|\s*\d)(?!(?:pre-?)?(?:trained|tuned|based|like|style|driven|aware|guided|enhanced)\b)")


# "LoRAM" -> "QLoRAM", "Fast-LoRAM": a letter or a word glued before a proposed name of 4 or more characters
_GLUED_PREFIX = re.compile(r"[A-Z]{1,2}|[A-Z][a-z]+-")


def _extensions_of(raw: RawExtraction, proposed: set[str]) -> set[str]:
    """Names built on a proposed name or its short form are the paper's own too: "we introduce Moto ...
    Moto-GPT", "Moment Probing (MP) ... MP+", "we propose LoRAM ... QLoRAM"."""
    stems = [name for key in proposed for name in (raw.entities[key].name, *raw.entities[key].aliases)
             if len(name) >= 2]
    if not stems:
        return set()
    return {key for key, entity in raw.entities.items()
            if key not in proposed and entity.kb_id is None and entity.type in PROPOSABLE
            and any(entity.name.startswith(stem) and len(entity.name) > len(stem)
                    and _EXTENSION.match(entity.name, len(stem))
                    or len(stem) >= 4 and entity.name.endswith(stem)
                    and _GLUED_PREFIX.fullmatch(entity.name, 0, len(entity.name) - len(stem)) for stem in stems)}


def _components_of(raw: RawExtraction, proposed: set[str], cues: RoleCues) -> set[str]:
    """New names that a proposed one is said to contain are the paper's own too: "Clover incorporates
    an Augmenting Block"."""
    found: set[str] = set()
    for before, mention in zip(raw.mentions, raw.mentions[1:]):
        entity = raw.entities[mention.entity]
        if before.entity in proposed and mention.entity not in proposed and entity.kb_id is None \
                and entity.type == "Method" and before.sentence == mention.sentence \
                and cues.component_of_proposed.match(raw.text[before.end:mention.start]):
            found.add(mention.entity)
    return found


def _ownership(raw: RawExtraction, title_end: int, proposed_sentences: set[int],
               lowered: list[str]) -> list[bool | None]:
    """Which sentences are about the paper's own work (`lowered`: the sentences in lower case). Only
    sentences with a mention or a number need the answer; the others get None (unknown) and are read only
    when a later sentence's answer depends on them (no own sentence yet, and no own cue of its own)."""
    cues = role_cues()
    own: list[bool | None] = []
    seen_own = False
    unread: list[int] = []  # sentences before the first own one that need no answer themselves
    mentioned = {m.sentence for m in raw.mentions}
    for index, (start, end) in enumerate(raw.sentences):
        if start < title_end:
            own.append(True)
            continue
        if index not in mentioned and not _DIGIT.search(raw.text, start, end):
            if not seen_own:
                unread.append(index)
            own.append(None)
            continue
        text = lowered[index]
        # after an own sentence, one without a background cue is own too, whatever its own cues say
        if index in proposed_sentences:
            is_own = True
        elif seen_own:
            is_own = cues.background.search(text) is None or cues.own.search(text) is not None
        else:
            is_own = cues.own.search(text) is not None
            if not is_own and unread:
                seen_own = any(cues.own.search(lowered[i]) for i in unread)
                unread.clear()
                is_own = seen_own and cues.background.search(text) is None
        seen_own = seen_own or is_own
        own.append(is_own)
    return own


def assign_roles(raw: RawExtraction, title_end: int) -> tuple[list[RoleDecision], list[bool | None]]:
    """One decision per mention of `raw`, in order, and which sentences are the paper's own (None: not
    decided, for a sentence with no mention and no number)."""
    cues = role_cues()
    proposed = {key for key, entity in raw.entities.items() if entity.proposed}
    # a discovered name right after "we propose / introduce ..." (or "..., called X") is the paper's own
    for mention in raw.mentions:
        entity = raw.entities[mention.entity]
        # a metric only when named as a new one ("a novel metric, Weighted Aggregated Robustness,")
        proposable = entity.type in PROPOSABLE or (entity.type == "Metric" and mention.rule == "named")
        if proposable and mention.start >= title_end and raw.sentences:
            s, _ = raw.sentences[mention.sentence]
            before = raw.text[max(s, mention.start - PROPOSAL_REACH):mention.start].lower()
            named = _NAMED.search(before)
            # a gazetteer name only in apposition, as what the new thing is called ("..., named as
            # I2P-MAE"), not "compare it with a baseline called BERT"
            apposition = _APPOSITION_NAMED.search(before) if entity.kb_id is not None else None
            verb = _last_proposal_verb(before, cues) if entity.kb_id is None or apposition else None
            if verb is not None and apposition is not None \
                    and _NOT_THE_NEW_THING.search(before, verb.end(), max(verb.end(), apposition.start())):
                verb = None  # "we propose X and compare it with two baselines, namely BERT and RoBERTa"
            if verb is not None and (len(before) - verb.end() <= 60 or named or apposition) \
                    and (named or apposition or not _after_purpose_clause(before, verb.end(), cues)) \
                    and not cues.not_object.match(before, verb.end()) \
                    and (named or apposition or not cues.variant_of.match(before, verb.end())):
                proposed.add(mention.entity)  # ("we propose an extension of X, called Y": Y is new, X is not)
            elif _WE_NAME.search(before):
                proposed.add(mention.entity)  # "the best discovered activation function, ..., which we name Swish"
        # a name that opens the title, before a colon, is the paper's own ("MoRE: Multi-Modal ...")
        if mention.start < title_end and entity.type in cues.title_lead_types \
                and cues.title_lead_left.match(raw.text, 0, mention.start) \
                and cues.title_lead.match(raw.text[mention.end:title_end]):
            listed = raw.text[:mention.start].strip() or not re.match(r"\s*:", raw.text[mention.end:title_end])
            if not (listed and entity.kb_id is not None):
                proposed.add(mention.entity)
    proposed |= _extensions_of(raw, proposed)
    proposed_sentences = {m.sentence for m in raw.mentions if m.entity in proposed}
    lowered = [raw.text[start:end].lower() for start, end in raw.sentences]
    ownership = _ownership(raw, title_end, proposed_sentences, lowered)
    first_abstract = next((i for i, (s, _) in enumerate(raw.sentences) if s >= title_end), len(raw.sentences))
    survey = cues.survey_title.search(raw.text[:title_end].lower()) is not None
    decisions = []
    for mention in raw.mentions:
        entity = raw.entities[mention.entity]
        if mention.entity in proposed:
            decisions.append(RoleDecision("proposes", "proposed-name", 0.85))
            continue
        s_start, s_end = raw.sentences[mention.sentence] if raw.sentences else (0, len(raw.text))
        if mention.start < title_end:
            role = cues.title_roles.get(entity.type, "mentions")
            if survey and entity.type in PROPOSABLE:
                role = cues.survey_default
            decisions.append(RoleDecision(role, "title", 0.6, explicit=False))
            continue
        left = raw.text[max(s_start, mention.start - LEFT_WINDOW):mention.start].lower()
        right = raw.text[mention.end:min(s_end, mention.end + RIGHT_WINDOW)].lower()
        own = ownership[mention.sentence] if mention.sentence < len(ownership) else False
        sentence = lowered[mention.sentence] if raw.sentences else raw.text.lower()
        decision = decide(entity.type, left, right, own, sentence, entity.kb_id is not None)
        if decision.role == "mentions" and entity.type == "Task" and decision.rule in ("background", "default") \
                and mention.sentence - first_abstract < cues.leading_task_sentences:
            decision = RoleDecision("addresses", "leading-sentence", 0.55, explicit=False)
        elif survey and not decision.explicit and entity.type in PROPOSABLE:
            decision = RoleDecision(cues.survey_default, "survey", 0.55, explicit=False)
        decisions.append(decision)
    own = proposed | {m.entity for m, d in zip(raw.mentions, decisions) if d.role == "proposes"}
    parts = _components_of(raw, own, cues)
    if parts:
        decisions = [RoleDecision("proposes", "component-of-proposed", 0.75) if m.entity in parts else d
                     for m, d in zip(raw.mentions, decisions)]
    return decisions, ownership
