/**
 * Everyday figures of speech that share words with crisis phrases. A crisis
 * match is not counted when an idiom covers its last word: "I'm killing
 * myself at work" is about effort, "I cut myself shaving" about a razor, "I
 * want to die of embarrassment" about a blush. An idiom that only touches the
 * start of a match does not hide it ("I'm dead tired of living" still counts).
 * Each line is a phrase in the syntax of ../phrase.ts; keep them specific,
 * since an idiom that is too broad would hide real crisis language.
 */
export const IDIOMS: readonly string[] = [
  // dying of laughter, embarrassment, boredom…; "die my hair" (for "dye")
  '(die | dying | died) (of | from) [the] (laughter | laughing | embarrassment | shame | boredom | cringe | cuteness | happiness | hunger | thirst | heat | cold | jealousy | envy | excitement | suspense | anticipation | curiosity)',
  '(die | dying) (my | her | his | your | our | the) hair',
  'die on (this | that | the) hill',
  '(dying | died) laughing',
  '(dying | dying to) (see | know | meet | try | hear | go | get | watch | read)',
  // "killing me": deadlines, feet, heat, puns; "kill for a coffee"; "killed it"
  '(is | are | s | re | was | were) killing me',
  '(kill | murder) for (a | an | some | the)',
  '(kill* | killed) it',
  // effort and accidents, not intent
  '{kill} {self} (at work | at the gym | working | studying | trying | laughing | with laughter | doing | over (this | that | a | the | it) | for (this | that | a | the | nothing | my | them | him | her) | to (get | finish | make | meet | hit | keep | pass | please))',
  '(nearly | almost) killed {self} (tripping | falling | slipping | on (the | a) | when i (fell | tripped | slipped) | in the (shower | kitchen))',
  '{cut} {self} (shaving | while | when (cooking | shaving | chopping) | chopping | cooking | by accident | accidentally | some slack | a break | off | out | short | a (slice | piece | bit))',
  // "on a broken glass", "on the stove": an accident, unless the object is a body part
  '({cut} | burn* | {hurt}) {self} on (a | the | some | my) [broken | hot | sharp | kitchen | rusty] (glass | knife | stove | oven | iron | pan | kettle | hob | grill | nail | fence | paper | can | tin | wire | bottle | plate | mug | tray | cooker | heater | radiator | stairs | ice)',
  '(hit* | bang* | burn* | cut* | scratch* | stub* | bump* | bruis*) my ... on (the | a | an | some) (table | door | desk | corner | stove | oven | pan | kettle | iron | car door | cupboard | cabinet | bed frame)',
  'accidentally (cut | hurt | burned | burnt) {self}',
  '{hurt} {self} (at the gym | playing | lifting | running | skiing | skating | falling | when i fell | working out | by accident | at work | in (a | the) (fall | accident | game | match) | on the (stairs | ice))',
  '(accidentally | nearly | almost) {hurt} {self}',
  'could (hit | kick | slap | punch) {self}',
  'hang {self} out to dry',
  'shoot {self} in the foot',
  'starv* {self} (until | till | before | for) (dinner | lunch | tonight | the party | a bit | the weekend)',
  // being contacted, struck by a thought, beaten at a game, moved by a story
  '(hit | hits | hitting) me up',
  // a thought or the news striking someone
  '(it | that | this | reality | suddenly | then | the news | the loss | the grief) [really | finally | suddenly | just | kind of | only] (hit | hits) me (hard | so hard | like a (truck | ton of bricks) | when | that | how | then) [i | we | you]',
  '(kick | kicks | kicked | kicking | throw | threw | throws | throwing) (me | us | him | her | them) out',
  // "my life insurance", "my life story": the words, not a life
  'my [own] life (insurance | savings | story | coach | partner | goals | choices | plan | plans)',
  '(shoot | shoots | shot) me (a | an) [quick | dirty | funny | weird] (look | glance | smile | text | message | email | dm | wink | line)',
  'kicked me under the table',
  'hit me (with (a | the | some | this | that | his | her) (surprise | news | question | idea | joke | line | fact | truth | compliment | look | story | pillow | snowball | ball | water balloon | nerf dart))',
  '(beats | beat) me (at | in | to)',
  '(beat | beats | beating) (us | him | her | them | my ...) (at | in) [a | the] (chess | cards | poker | tennis | football | soccer | golf | game | games | race | mario kart | monopoly | scrabble | fifa | fortnite | arm wrestling | video games | pool | darts)',
  // a pet's claws or teeth, a thorn: not done on purpose
  '(cat | cats | dog | dogs | kitten | puppy | pet | hamster | rabbit | bird | parrot | rose bush | branch | thorn | thorns) (scratched | scratches | scratch | bit | bites | nipped) (my | me on my) (arm* | hand* | leg* | face | skin | wrist* | finger*)',
  'beats me (why | how | what | who)',
  '(touched | touches) me (on the (shoulder | arm | back | hand) | deeply | so much | emotionally)',
  '{hits-me} me ... (as a joke | jokingly | playfully | for fun | while (playing | messing around))',
  // a farewell to a place, a job or a pet
  'goodbye to (that | this | my old | the old | my) (place | job | apartment | flat | house | city | school | team | year | life here)',
  '(goodbye | goodbyes) to (my | the | our) (coworkers | colleagues | classmates | team | neighbours | neighbors | students | teachers | old (job | school | house))',
  // a craft or shaving blade
  '(blade | blades) ~ (for | to) (sharpen* | shaving | shave | crafts | art | cutting paper | work | cooking)',
  '(wrote | write | writing) (her | him | them | it) [a | little | small] ... (goodbye | farewell) (note | letter | card)',
  'die happy',
  // ending a relationship or a conversation
  '(end | ending | ended) (it | things | everything) (with | on a | here)',
  // waking up early for work; living somewhere or forever
  'wake up (early | at | before | so early | this early | for (work | school | class | my shift) | in time)',
  'live (in | at | near | with | on | abroad | alone | there | like that | forever | that long | past)',
  'living (in | at | near | on | abroad | alone | there | forever)',
  // taking medicine as prescribed, fetching it from the pharmacy
  '{meds} (on time | as prescribed | as usual | like usual | like (the | my) doctor | every (day | morning | night | evening) | each (day | morning | night) | in the morning | at night | with (food | breakfast | dinner | lunch) | this morning | daily)',
  '{meds} (from | at) the (pharmacy | chemist | chemists | drugstore | drug store | doctor | doctors | clinic)',
  // too much coffee or television; overdoses in the news
  '{overdose} on (caffeine | coffee | sugar | candy | chocolate | netflix | tv | memes | carbs | energy drinks | pizza | cuteness | anime | youtube | tiktok | junk food | sweets | cookies | cake | sunshine | nostalgia)',
  '(opioid | drug | heroin | fentanyl | accidental) overdose*',
  'overdose (deaths | crisis | rates | rate | prevention | epidemic | reversal | risk)',
  '{suicide} (squad | prevention | rates | rate | awareness | hotline | helpline | statistics | door | doors | run | mission)',
  '{selfharm} (awareness | prevention | statistics | research)',
  // kilometres; a last message before boarding or bed
  '# (kms | km)',
  '(last | final) (message | post | text) (before | until | for (today | tonight | now | the (day | night | week)) | of the (day | night | year))',
  // dead tired, dead serious
  'dead (tired | serious | on my feet | beat | set on | quiet)',
];
