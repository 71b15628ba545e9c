#include "phrase_bank.h"

namespace scr::corpus {

const std::vector<AgencyBank>& agency_bank() {
  static const std::vector<AgencyBank> bank = {
      {"board",
       {"The Safeguarding Children Partnership", "The Safeguarding Partnership", "The Board", "The LSCB",
        "The Local Safeguarding Children Board", "The safeguarding partners"},
       {}, 3.0},
      {"social-care",
       {"Children's Social Care", "Children's Services", "The local authority", "Children's social care services"},
       {"social worker", "team manager", "family support worker", "senior practitioner"}, 3.0},
      {"nhs-trust",
       {"The NHS Trust", "{area} Hospitals NHS Foundation Trust", "The acute hospital trust"},
       {"paediatrician", "emergency department nurse", "ward sister"}, 1.2},
      {"gp", {"GP practices", "Primary care", "All GP practices in {area}"}, {"GP", "practice nurse"}, 1.0},
      {"health-visiting",
       {"The Health Visiting Service", "The health visiting service", "The 0-19 Public Health Nursing Service"},
       {"health visitor", "community nursery nurse"}, 1.0},
      {"midwifery", {"Midwifery services", "The Maternity Service", "The community midwifery team"},
       {"midwife", "specialist midwife"}, 0.7},
      {"camhs", {"CAMHS", "Child and Adolescent Mental Health Services"}, {"CAMHS practitioner", "clinical psychologist"}, 0.6},
      {"commissioners",
       {"The Clinical Commissioning Group", "The Integrated Care Board", "Health commissioners"},
       {"designated nurse"}, 0.8},
      {"police", {"{area} Police", "The Police", "The Constabulary"}, {"police officer", "detective constable", "PCSO"}, 1.8},
      {"education",
       {"Schools", "The Education Service", "All schools in {area}", "Education settings"},
       {"teacher", "designated safeguarding lead", "head teacher", "school nurse"}, 1.3},
      {"probation", {"The Probation Service", "The National Probation Service"}, {"probation officer"}, 0.5},
      {"housing", {"Housing Services", "The housing department", "Registered housing providers"},
       {"housing officer"}, 0.5},
      {"adult-services", {"Adult Social Care", "Adult Services"}, {"adult social worker"}, 0.4},
      {"voluntary-sector",
       {"Voluntary sector partners", "Voluntary and community sector organisations"},
       {"family support volunteer", "children's centre worker"}, 0.3},
      {"national-government",
       {"The Department for Education", "The Home Office", "The Department of Health and Social Care"}, {}, 0.3},
      {"ofsted", {"Ofsted"}, {}, 0.1},
  };
  return bank;
}

const std::vector<std::string>& girl_names() {
  static const std::vector<std::string> v = {
      "Amelia", "Olivia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Isabella", "Rosie", "Sophia", "Grace", "Freya",
      "Willow", "Evie", "Poppy", "Ella", "Daisy", "Chloé", "Zoë", "Anaïs", "Renée", "Zofia", "Maja", "Amira",
      "Aaliyah", "Keira", "Chantelle", "Jade", "Leah", "Niamh", "Siobhán", "Dóra", "Ines", "Ayesha", "Precious"};
  return v;
}

const std::vector<std::string>& boy_names() {
  static const std::vector<std::string> v = {
      "Oliver", "George", "Noah", "Arthur", "Harry", "Leo", "Muhammad", "Jack", "Charlie", "Oscar", "Jacob",
      "Henry", "Thomas", "Freddie", "Alfie", "Theo", "Archie", "Kai", "Tyler", "Liam", "Jayden", "Kacper",
      "Łukasz", "José", "André", "Mateo", "Dylan", "Callum", "Reece", "Kieran", "Ibrahim", "Tomás", "Bartek"};
  return v;
}

const std::vector<std::string>& adult_first_names() {
  static const std::vector<std::string> v = {
      "Sarah", "Emma", "Claire", "Joanne", "Helen", "Rachel", "Nicola", "Karen", "Lisa", "Michelle", "Gemma",
      "Amanda", "Paul", "David", "Mark", "Andrew", "Stephen", "Richard", "Simon", "Peter", "Gareth", "Rebecca",
      "Hannah", "Fiona", "Bernadette", "Siân", "Marta", "Agnieszka", "Nadia", "Farah"};
  return v;
}

namespace {
const std::vector<std::string> kSurnameHeads = {
    "Ash", "Brad", "Cal", "Dun", "El", "Fair", "Gar", "Hal", "Kin", "Lang", "Mar", "Nor", "Pen", "Rad", "Shel",
    "Thorn", "Wal", "Whit", "Brook", "Crow", "Ather", "Bel", "Carr", "Dray", "Fen", "Glad", "Hart", "Lock",
    "Mow", "Oak", "Pres", "Rook", "Stan", "Tre", "Ward", "Wes", "Yar", "Ack", "Bram", "Chad"};
const std::vector<std::string> kSurnameMiddles = {"", "", "", "", "er", "in", "ing", "s", "e", "el", "an"};
const std::vector<std::string> kSurnameTails = {
    "by", "ford", "ley", "ton", "well", "wood", "field", "ridge", "more", "worth", "ham", "cott", "den",
    "stone", "hurst", "man", "son", "wick", "combe", "shaw", "thwaite", "dale", "bury", "sey"};
const std::vector<std::string> kStreetKinds = {"Road", "Street", "Close", "Avenue", "Lane", "Crescent", "Way",
                                               "Gardens", "Drive", "Terrace"};
}  // namespace

std::string surname(Rng& rng) {
  return rng.pick(kSurnameHeads) + rng.pick(kSurnameMiddles) + rng.pick(kSurnameTails);
}

std::string street(Rng& rng) {
  std::string s = rng.pick(kSurnameHeads) + rng.pick(kSurnameTails);
  return s + " " + rng.pick(kStreetKinds);
}

std::string school(Rng& rng) {
  static const std::vector<std::string> kinds = {"Primary School", "Academy", "Infant School",
                                                 "Church of England Primary School", "High School", "Community College"};
  return rng.pick(kSurnameHeads) + rng.pick(kSurnameTails) + " " + rng.pick(kinds);
}

std::string surgery(Rng& rng) {
  static const std::vector<std::string> kinds = {"Medical Centre", "Surgery", "Health Centre", "Medical Practice"};
  return rng.pick(kSurnameHeads) + rng.pick(kSurnameTails) + " " + rng.pick(kinds);
}

std::string month_name(int month) {
  static const char* names[] = {"January", "February", "March", "April", "May", "June", "July",
                                "August", "September", "October", "November", "December"};
  return names[(month - 1) % 12];
}

std::string date_phrase(Rng& rng, int year) {
  int m = rng.uniform(1, 12);
  switch (rng.uniform(0, 5)) {
    case 0:
    case 1:
    case 2: return std::to_string(rng.uniform(1, 28)) + " " + month_name(m) + " " + std::to_string(year);
    case 3: return month_name(m) + " " + std::to_string(year);
    case 4: return (m < 5 ? "early " : m < 9 ? "mid-" : "late ") + std::to_string(year);
    default: return "the spring of " + std::to_string(year);
  }
}

const std::vector<std::string>& narrative_sentences() {
  static const std::vector<std::string> v = {
      "On {date}, the {role} visited the family at their home in {place}.",
      "{C} started at {school} in September and settled well at first.",
      "The {role} saw {C} at {surgery} for a routine check and recorded that {he} was developing as expected.",
      "{M} phoned the {role} to ask for help with a letter about her benefits.",
      "A home visit on {date} found {M} and {C} at home; the {role} noted that the flat was warm.",
      "The family registered with {surgery} after moving to {place}.",
      "{C} was seen at the walk-in centre with a chest infection and was given antibiotics.",
      "At the two-year review, the {role} noted that {Cposs} speech was a little delayed.",
      "{M} attended a parenting course at the children's centre and completed four of the six sessions.",
      "The school reported that {Cposs} attendance for the term was 91 per cent.",
      "The {role} wrote to {M} on {date} to offer a further appointment.",
      "{C} was seen by the {role}, who described {him} as a quiet and watchful child.",
      "In {date}, {M} told the {role} that she was finding things difficult and would like more support.",
      "Records show that the {role} tried to contact the family by telephone on three occasions that month.",
      "The family were visited by the {role} as part of the universal service offered to every family.",
      "{C} was taken to the emergency department by {M} with a high temperature and was discharged the same day.",
      "A meeting was held at {school} on {date} to review {Cposs} progress.",
      "{M} moved with {C} to a flat on {place} in {date}.",
      "The {role} completed a home visit and discussed routines, feeding and play with {M}.",
      "{Cposs} grandmother looked after {him} during the school holidays.",
      "The nursery key worker noted that {C} enjoyed painting and was beginning to make friends.",
      "{C} was reviewed in clinic by the {role}, who arranged to see {him} again in three months.",
      "The {role} spoke to {Cposs} class teacher, who had no particular worries at that time.",
      "A letter was sent to {M} explaining how to contact the service out of hours.",
      "During the summer, {C} spent most weekends with {his} aunt in {place}.",
      "The {role} recorded that {M} was warm and affectionate towards {C} during the visit.",
      "{C} was weighed and measured, and the results were plotted on {his} growth chart.",
      "A referral for speech and language therapy was made by the {role} on {date}.",
      "{M} asked the {role} about nursery funding and was given information about local providers.",
      "The family were offered a place at the stay-and-play group held each Tuesday at the community centre.",
  };
  return v;
}

const std::vector<std::string>& reflective_sentences() {
  static const std::vector<std::string> v = {
      "Practitioners who took part in the learning event spoke openly about the pressures they faced.",
      "With hindsight, it is possible to see a pattern that was much harder to see at the time.",
      "The review has tried to understand why decisions made sense to the people making them.",
      "This episode shows how a single contact can be understood very differently by each agency involved.",
      "Good practice was also evident, and the commitment of several practitioners is acknowledged.",
      "The chronology shows long periods in which no agency had contact with the family.",
      "Practitioners described the family as difficult to get to know.",
      "It is important to recognise the complexity of the circumstances in which practitioners were working.",
      "The review panel considered the agency reports alongside the accounts given at the practitioner event.",
      "Systems and procedures were in place, but they were not always followed.",
      "The learning from this review is not new, and similar findings appear in earlier national analyses.",
      "Managers acknowledged that their oversight of the case could have been stronger.",
      "The family's views have been sought and are reflected where they agreed to contribute.",
      "Each agency has already begun to act on its own learning, and this is set out in its report.",
      "Practitioners were committed and caring, and many went beyond what their role required.",
      "The review looked at the period from the pregnancy until the incident.",
      "A clearer picture emerges when the contacts of all agencies are placed side by side.",
      "Some of the difficulties described here reflect national issues rather than local ones.",
      "The author is grateful to the family members who spoke to the review.",
      "Decisions were often made by practitioners working on their own, with little time to reflect.",
      // Near misses: words that tell a theme in other sentences (a partner, an agreement, a night
      // away, a delivery round, a disagreement) in sentences that tell none.
      "The mother agreed to the referral and went to every session she was offered.",
      "Her partner came to the review meeting and answered questions about his work and his health.",
      "The school was unhappy with the time of the meeting, so it was moved to the afternoon.",
      "The boy stayed with his grandparents overnight at weekends, as his mother had arranged.",
      "The young person had a part-time job delivering newspapers before school.",
      "The girl's grandmother told the police about a stolen bicycle, and it was found two days later.",
      "The father said he felt tired after his night shifts but was managing well.",
      "The girl's stepfather took her to football training and shouted encouragement from the touchline.",
      // Near misses for the families of 2026-12-06 (money, rooms, cases held, care given, a head
      // bump, a class, a translated letter, a phone): ordinary life, no theme.
      "The family moved to a larger house with a garden, which the mother said suited them better.",
      "The social worker held a meeting with the school to plan the summer holidays.",
      "The team manager joined the social worker on the visit so that she could meet the children.",
      "The boy helped his grandmother with her shopping on Saturday mornings and enjoyed it.",
      "The toddler bumped his head on the coffee table and the mark had gone by the next day.",
      "The girl went to her speech and drama class every week and performed in the end-of-term show.",
      "The father translated a letter from the school for a neighbour who had just arrived.",
      "The girl spent her evenings messaging school friends on her phone about homework.",
      "The mother said that money was tight that month because of the cost of the birthday party.",
      // Near misses for every family (2026-12-06, late): a family's sign beside its companion in
      // ordinary life. One such sentence alone must not give a report the theme.
      "The children came in from the garden with muddy, smelly clothes and were sent to wash before tea.",
      "The mother believed that the new job had made her happier, and her sleep had improved.",
      "The father missed his dental check-up because of a late shift.",
      "The girl ran away from a wasp in the park and her carers laughed about it afterwards.",
      "The grandmother had epilepsy, which was well controlled, and lived near the school.",
      "The uncle's partner threatened to report the noisy neighbours to the council.",
      "The street's electricity was cut off for an afternoon while the cables were replaced.",
      "The boy never read the leaflet about the previous term's school trip.",
      "The girl cut herself on a broken glass while washing up, and the pharmacist dressed it.",
      "The father never asked the receptionist how long the wait would be.",
      // A near miss for a reduced timetable (2026-12-07): a member of staff's, not a child's.
      "The newly appointed teacher worked a reduced timetable in her first term while she finished her course.",
      // Near misses for a pronoun after a parent (2026-12-07): the sentence before names the
      // child, so "he" or "she" is the child, whose own worries are no parent's mental ill-health.
      "The mother drove her son to the clinic on Tuesday. He had panic attacks before his exams and was seen by the crisis team.",
      "The father took his daughter to her first counselling appointment. She had low mood after the move to secondary school.",
      // Near misses for the families of 2026-12-07 (late): hunger after sport, a settled adult
      // living alone, progress read as progress, an aunt's workplace, a late bus.
      "The children were often hungry after their swimming lessons, so their mother packed extra snacks.",
      "After the move the mother lived in isolation on the estate, far from the friends of her previous street.",
      "The teacher put the girl's better reading down to her new glasses, which had improved things.",
      "The mother said that as a child she had liked visiting the nursery where her aunt worked.",
      "The father never wondered why the bus was late, as it often was in winter.",
      // Near misses for the families of 2026-12-07 (last): a link not made between leaks, a
      // troubled childhood in a film.
      "The plumber did not see that the two leaks were linked until his second visit to the flat.",
      "The mother's favourite film told the story of a troubled childhood in wartime London.",
      // Near misses for the families of 2026-12-08: a clinic cancelled by its dentist, a full
      // picture of repairs, a referee's decision, criteria for a squad, money counted for a fete,
      // a boy's late library book, a placement at work.
      "The dentist cancelled the Friday clinic because of a burst pipe and rebooked every family.",
      "The new manager of the leisure services soon had a full picture of the repairs the pool needed.",
      "The coach was unhappy, but nobody on the bench questioned the referee's decision after the match.",
      "The sports club explained its criteria for a referral to the county squad, and the boy was chosen.",
      "Her husband controlled the money for the village fete, and he counted it twice before banking it.",
      "The librarian accepted the boy's explanation for the late book and waived the fine.",
      "The student's work placement fell through after a week, so the college moved her to another firm.",
      // Near misses for the families of 2026-12-08 (sixth session): glasses broken at netball, an
      // armchair beside a baby, a haircut on holiday, a sofa delivered by lorry, a low mood over a
      // holiday, a school manager off sick, parking restrictions, a car dealer in another town,
      // tests a scan made unnecessary, a pupil who was articulate.
      "The girl's new glasses were broken at netball, and the optician replaced them the same week.",
      "The grandfather dozed in his armchair while the baby played on the rug beside him.",
      "On the family holiday abroad the boy's hair was cut by his grandmother.",
      "The new sofa arrived in the back of a van two days late, and the boy helped to carry it in.",
      "The mother said everyone felt low when the airline cancelled the holiday.",
      "The school's business manager was off sick, so the head teacher answered the post that week.",
      "Parking restrictions outside the school meant that the health visitor telephoned ahead of each visit.",
      "The second-hand car dealer in another town gave the father a fair price for the old van.",
      "The consultant said the scan had spared the boy unnecessary investigations, and the doctors agreed.",
      "The boy was articulate and polite at the interview, but he never went to the college open day.",
      // Near misses for the families of 2026-12-08 (second round): an old mattress, a handprint
      // in paint, an aunt's message about meeting.
      "The children helped to carry the old bare mattress to the skip once the new beds came.",
      "The boy pressed a handprint in paint on the nursery wall, and it was kept there for years.",
      "The girl's aunt sent a WhatsApp message asking to meet her at the station after school.",
      // Near misses for the families of 2026-12-08 (fourth round): a wet campsite, a puppy's marks
      // on a coat, a crawling baby, a cake stall nobody visited.
      "The living conditions at the campsite were poor after the storm, so the family came home early.",
      "The mother's old coat had grab marks on one sleeve from the puppy.",
      "The nine-month-old crawled head down under the table to find his ball.",
      "At the school fair the fathers' cake stall was overlooked by most of the visitors.",
  };
  return v;
}

const std::vector<std::string>& affirmative_frames() {
  static const std::vector<std::string> v = {
      "Agencies were aware of {P} from early in the period under review.",
      "The review found clear evidence of {P}.",
      "{Pcap} was a significant feature of family life.",
      "Concerns about {P} were recorded by the {role} on several occasions.",
      "The impact of {P} on {C} was not fully understood by the professionals involved.",
      "There was a long history of {P} in this family.",
      "The {role} identified {P} and made a referral to children's social care.",
      "{Pcap} was present throughout the time covered by this review.",
      "Practitioners recognised {P}, but the response to it was inconsistent.",
      "The panel heard that {P} had been known about for several years.",
  };
  return v;
}

const std::vector<std::string>& negated_frames() {
  static const std::vector<std::string> v = {
      "There was no evidence of {P}.",
      "No concerns were raised about {P} at any point.",
      "The review found nothing to suggest {P}.",
      "{Pcap} was not a feature of this case.",
      "There is no indication that {P} played any part in what happened.",
      "At no point was {P} reported or suspected by any agency.",
      "{Pcap} was considered by the panel and ruled out.",
      "None of the agencies had any information about {P}.",
  };
  return v;
}

const std::vector<std::string>& hypothetical_frames() {
  static const std::vector<std::string> v = {
      "Had there been {P}, agencies would have been expected to act quickly.",
      "If {P} had been suspected, a referral would have been made straight away.",
      "Had {P} been known about, the response of agencies might well have been different.",
      "The panel considered whether {P} might have been present, but found no information to support this.",
  };
  return v;
}

const std::vector<std::string>& question_frames() {
  static const std::vector<std::string> v = {
      "Did the agencies recognise indicators of {P}, and how did they respond to them?",
      "To what extent did practitioners consider whether {P} was a factor for this family?",
      "How well did professionals understand the risks that {P} would pose to a young child?",
      "Was there any evidence of {P}, and was it acted upon?",
      "What did agencies know about {P} in the household, and when?",
  };
  return v;
}

const std::vector<std::string>& training_frames() {
  static const std::vector<std::string> v = {
      "Every practitioner involved had completed the partnership's e-learning on {P} in the previous year.",
      "At around this time the partnership ran briefings about {P} for staff working with families.",
      "The school had an up-to-date policy on {P}, as all schools in the area are required to.",
      "The health trust's mandatory training covers {P}, and the staff involved were in date with it.",
      // Written after the cue lists, in wording of their own (docs/quality.md): a check that the
      // routine rules reach beyond the sentences they were written against.
      "The named nurse had delivered a session on {P} to the practice team a month earlier.",
      "{Pcap} is covered in the induction that every new social worker in the authority completes.",
  };
  return v;
}

const std::map<std::string, std::vector<std::string>>& routine_sentences() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"unsafe-sleep",
       {"At the new birth visit the health visitor went through safer sleep guidance, which she does at every first visit.",
        "A leaflet on safer sleep was among the papers handed to {M} when she left the maternity unit.",
        "The midwife gave the usual advice about where the baby should sleep before discharge.",
        "Like all new parents, {M} was talked through safer sleep before she took the baby home.",
        "The ten-day contact included the health visitor's standard conversation about safer sleep."}},
      {"domestic-abuse",
       {"At booking the midwife asked about domestic abuse, a question every pregnant woman is asked.",
        "Routine enquiry about domestic abuse was made at each antenatal contact and {M} answered no each time.",
        "The GP practice displays posters about domestic abuse services in every consulting room.",
        "Asking about domestic abuse is a standard part of the antenatal booking appointment."}},
      {"multi-agency-working",
       {"A strategy discussion took place on {date} and enquiries by a social worker followed the same week.",
        "The core group met every four weeks through the spring.",
        "Police, health and children's social care joined the strategy discussion by telephone."}},
      {"parental-mental-health",
       {"The standard screening questions about mood were asked at the six-week check, as they are for all mothers.",
        "{M} completed the wellbeing questionnaire about post-natal depression that all mothers fill in at the eight-week contact.",
        "A leaflet about post-natal depression was handed to {M}, as to any new parent.",
        "The maternity unit gives each mother a card listing local support for post-natal depression."}},
  };
  return m;
}

const std::vector<std::string>& negation_form_frames() {
  static const std::vector<std::string> v = {
      "Neither parent was known to any agency for {P}.",
      "{Pcap} was never raised as a concern by anyone who knew the family.",
      "{Pcap} was explored at the strategy discussion and ruled out.",
      "The assessment concluded that {P} was absent and the risk low.",
      "Checks with police and health about {P} came back negative.",
      "{Pcap} did not emerge as an issue during any agency's involvement.",
      "{Pcap} was discounted after the paediatric assessment.",
  };
  return v;
}

const std::map<std::string, std::vector<std::string>>& experiencer_sentences() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"parental-substance-misuse",
       {"{Cposs} own use of cannabis had grown over the summer, and {he} was sometimes drunk at weekends.",
        "{C} told the youth worker that {he} smoked cannabis most days and drank with friends in the park.",
        "By the age of fourteen {C} was regularly drinking alcohol, according to {his} friends."}},
      {"sexual-abuse",
       {"{M} had herself suffered sexual abuse by a relative when she was a child.",
        "As a girl {M} suffered sexual abuse by a lodger, something she disclosed only as an adult.",
        "{M} told the psychologist about sexual abuse she had suffered as a girl."}},
      {"physical-abuse",
       {"{M} described physical abuse by her stepfather when she was young.",
        "Both parents had suffered physical abuse from their own parents as children.",
        "As a child {M} was a victim of physical abuse by her father, and she left home at sixteen."}},
      {"suicide-self-harm",
       {"{M} had taken an overdose of her own tablets the winter before and was kept in overnight.",
        "The father swallowed a month of his prescribed tablets after he lost his job, and the crisis team saw him at home.",
        "{Mposs} overdose in the spring was followed by a short stay in a psychiatric unit."}},
      {"domestic-abuse",
       {"{M} grew up in a home where her mother was a victim of domestic abuse.",
        "As a child {M} had witnessed domestic violence between her own parents.",
        "{M} had been taken into care at nine after domestic abuse between her parents."}},
  };
  return m;
}

const std::vector<std::string>& praise_frames() {
  static const std::vector<std::string> v = {
      "{Pcap} between the health visitor and the nursery was of a high standard throughout.",
      "The review commends the {P} shown by the school nurse during this period.",
      "There were good examples of {P}, and the agencies kept each other well informed.",
      "{Pcap} in the weeks before the incident was timely and effective.",
      "The panel was impressed by the {P} between midwifery and the GP surgery.",
      "Inspectors later singled out the {P} in this period as a model for other teams.",
  };
  return v;
}

const std::map<std::string, std::vector<std::string>>& praise_nouns() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"information-sharing", {"information sharing", "communication between agencies"}},
      {"multi-agency-working", {"multi-agency working"}},
      {"professional-curiosity", {"professional curiosity"}},
      {"supervision-workload", {"supervision"}},
      {"risk-assessment", {"risk assessment"}},
      {"escalation", {"escalation"}},
  };
  return m;
}

const std::map<std::string, std::vector<std::string>>& definitions() {
  static const std::map<std::string, std::vector<std::string>> m = {
      {"disguised-compliance",
       {"Disguised compliance: a term used when a parent gives the appearance of co-operating with professionals "
        "in order to allay their concerns.",
        "The phrase disguised compliance describes parents who appear to engage so that professionals step back.",
        "Readers unfamiliar with the term disguised compliance will find it explained in the glossary.",
        "Disguised compliance (see the appendix) is when a parent seems to co-operate in order to keep professionals at a distance."}},
      {"start-again-syndrome",
       {"Start again syndrome is the name given to a tendency to set aside what is known of a family's history.",
        "The term start again syndrome was coined by Brandon and colleagues in their biennial analysis.",
        "By start again syndrome, reviews mean assessments that begin afresh each time a case is reopened.",
        "Start again syndrome, as Brandon described it, means each new worker beginning as though nothing had gone before."}},
      {"rule-of-optimism",
       {"The rule of optimism is a term for the tendency to read information about a family in the best light.",
        "In the literature, the rule of optimism refers to professionals rationalising away evidence of harm.",
        "The rule of optimism, a phrase from research in the 1980s, is defined in the glossary.",
        "What Dingwall and colleagues called the rule of optimism is the pull towards seeing parents in the most favourable light."}},
      // Statutory definitions quoted in an introduction or a glossary (2026-12-08): "X is where",
      // "X is any", "X is the failure" name a harm without saying it happened.
      {"neglect",
       {"In the guidance, neglect is the persistent failure to provide what a child needs, such as food, "
        "clothing, shelter and supervision.",
        "Neglect is where a parent or carer persistently fails to meet a child's needs for food, warmth and care."}},
      {"criminal-exploitation",
       {"Criminal exploitation is where an individual or a group uses a child's age or need to make the child "
        "commit crimes.",
        "County lines is when criminal networks use children to carry and sell drugs across police force boundaries."}},
      {"domestic-abuse",
       {"Domestic abuse is any incident or pattern of controlling, coercive, threatening or violent behaviour between "
        "adults who are partners or family members."}},
      {"sexual-exploitation",
       {"Sexual exploitation is where a young person is given something they want, such as gifts or attention, in "
        "return for sexual activity."}},
  };
  return m;
}

const std::vector<std::string>& criteria_sentences() {
  static const std::vector<std::string> v = {
      "A review is required where abuse or neglect of a child is known or suspected and the child has died or "
      "been seriously harmed.",
      "The statutory criteria were met: abuse or neglect was known or suspected, and the child had been seriously "
      "harmed or had died.",
      "Working Together requires a review when abuse or neglect is suspected and a child dies or is seriously "
      "harmed.",
  };
  return v;
}

const SentenceParts& sentence_parts() {
  static const SentenceParts parts = {
      // when
      {"Two weeks later", "The following day", "Shortly afterwards", "In the same month", "Later that week",
       "On {date}", "On {date}", "In {date}", "Early the next morning", "Over the following weeks",
       "A month later", "Before the end of the month", "During the autumn half-term", "Some days later",
       "At the next scheduled contact", "After the Christmas break"},
      // action (after the actor)
      {"visited the family at home", "telephoned {M} to arrange a visit", "wrote to the GP asking for an update",
       "completed a routine developmental review of {C}", "discussed the family with a manager",
       "arranged a follow-up appointment for {C}", "recorded the contact on the electronic record",
       "met {M} at the children's centre", "spoke to {Cposs} grandmother on the telephone",
       "saw {C} briefly at the school gate", "checked {Cposs} growth and immunisation history",
       "sent a letter offering a further appointment", "attended a meeting at {school}",
       "made a note to review the case in six weeks", "visited {M} at her flat on {place}",
       "reviewed the previous records held by the service", "contacted the nursery to ask how {C} was settling",
       "completed the paperwork for a move of school", "gave {M} information about local parenting groups",
       "noted that the family had registered with {surgery}", "spoke to {C} about {his} friendships at school",
       "collected {C} for a medical appointment", "passed a message to the duty team",
       "agreed with {M} a date for the next visit", "reviewed {Cposs} progress with the class teacher"},
      // observations (what was seen), used after "and noted that"
      {"the flat was tidy and warm", "{C} was clean and appropriately dressed", "there was food in the kitchen",
       "{C} was playing happily with a younger cousin", "the curtains were drawn in the middle of the day",
       "a dog was kept in the back bedroom", "the stair gate was broken", "{M} seemed tired but engaged",
       "{C} was quiet and stayed close to {M}", "there were piles of washing in the hallway",
       "the family had a new television", "{C} had a cold but was otherwise well",
       "{M} was waiting for a housing appointment", "several adults were in the flat",
       "{C} was asleep in a pushchair in the lounge", "a relative answered the door"},
      // opener
      {"In hindsight,", "Looking back,", "On reflection,", "It is clear that", "The panel noted that",
       "The evidence suggests that", "It appears that", "Practitioners told the review that", "Taken together,",
       "As the chronology shows,", "It is understandable that", "The author considers that"},
      // subject
      {"practitioners", "the agencies involved", "front-line staff", "managers", "the professionals who knew the family",
       "the health services", "the school", "the family's support network", "the panel", "each service"},
      // verb
      {"were working with", "had only a partial view of", "responded in good faith to", "did not always connect",
       "were reassured by", "focused mainly on", "found it hard to make sense of", "were limited by",
       "relied heavily on", "did not have the time to reflect on", "recorded but never weighed",
       "were not always clear about"},
      // object
      {"the information available at the time", "the pressures the family were under", "the history held in records",
       "what the family told them", "the pattern of contacts over several months", "the demands of a busy service",
       "the views of other professionals", "the changes in the household", "a series of single events",
       "the family's own account of events", "the procedures that applied", "the significance of small details"},
  };
  return parts;
}

const std::vector<std::string>& detail_clauses() {
  static const std::vector<std::string> v = {
      "according to the case notes", "as the records confirm", "although nobody chased this up",
      "which was in line with local procedures", "as had been agreed at the previous meeting",
      "which the family welcomed", "though the reasons for this are unclear", "at the request of the family",
      "following a discussion with a manager", "as part of the routine schedule of contacts",
      "which was typed up several weeks later", "in the presence of a relative", "during the school holidays",
      "shortly after the family moved", "while the case was being transferred between teams",
      "in accordance with the service specification", "despite a heavy snowfall that week",
      "on the same day as the hospital appointment", "which was shortly before Christmas",
      "at a time when the service was being restructured", "in a busy open-plan office",
      "after a delay caused by a computer fault", "using a translated leaflet", "over a cup of tea in the kitchen",
      "after a long conversation on the doorstep", "when the weather was unusually hot",
      "at the end of a long shift", "with the help of a student practitioner", "by recorded delivery",
      "in the car park of the children's centre", "before the bank holiday weekend",
  };
  return v;
}

const std::vector<RecommendationObject>& recommendation_objects() {
  static const std::vector<RecommendationObject> v = {
      {"domestic-abuse", "ensure that practitioners routinely ask about domestic abuse when a new adult joins the household"},
      {"domestic-abuse", "review the arrangements for notifying schools and health visitors after a domestic abuse incident attended by the police"},
      {"domestic-abuse", "provide guidance on working with fathers who are perpetrators of domestic violence"},
      {"parental-mental-health", "ensure that adult mental health practitioners consider the needs of any child in the care of a patient who is mentally unwell"},
      {"parental-mental-health", "develop a joint protocol between specialist mental health services for new mothers and midwifery for mothers with post-natal depression"},
      {"parental-substance-misuse", "ensure that substance misuse services ask every client about the children they care for and record the answer"},
      {"parental-substance-misuse", "review how substance misuse services share concerns about parental substance misuse with children's social care"},
      {"neglect", "relaunch the neglect strategy and its assessment tool so that practitioners use it in every case of suspected neglect"},
      {"neglect", "audit a sample of cases of long-standing neglect to test whether plans lead to lasting change for children"},
      {"unsafe-sleep", "ensure that safer sleep advice about co-sleeping is repeated at every contact in the first year"},
      {"unsafe-sleep", "develop a multi-agency safer sleep assessment for families where there is unsafe sleeping"},
      {"information-sharing", "review the arrangements for information sharing between health and police at the front door"},
      {"information-sharing", "ensure that discharge summaries are shared with the GP and health visitor within 48 hours"},
      {"information-sharing", "agree a protocol for passing information between adult and children's services"},
      {"multi-agency-working", "ensure that strategy discussions involve health and education whenever a child is of school age"},
      {"escalation", "refresh the escalation policy and publicise it to all front-line practitioners"},
      {"escalation", "seek assurance that practitioners know how to take a disagreement about a decision through the escalation policy"},
      {"disguised-compliance", "provide learning materials on disguised compliance and how to test parents' reported progress"},
      {"professional-curiosity", "develop practice guidance on professional curiosity, including asking who lives in the household"},
      {"voice-of-child", "ensure that every assessment records the voice of the child and the child's lived experience"},
      {"voice-of-child", "ensure that children are spoken to on their own and that what they say is recorded in their own words"},
      {"was-not-brought", "adopt a policy of following up every missed health appointment for a child"},
      {"hidden-men", "issue guidance on identifying and engaging fathers and other men in the household, so that hidden men are assessed"},
      {"thresholds", "review the local thresholds guidance and how cases move to early help"},
      {"supervision-workload", "review caseloads and the frequency of supervision for social workers in the assessment teams"},
      {"risk-assessment", "ensure that pre-birth risk assessment is completed by 20 weeks of pregnancy"},
      {"child-protection-plan", "audit the quality of each child protection plan and the decision to end it"},
      {"criminal-exploitation", "develop a contextual safeguarding response to criminal exploitation and county lines"},
      {"sexual-exploitation", "review how agencies respond to child sexual exploitation, including the use of disruption tactics"},
      {"suicide-self-harm", "ensure that young people who self-harm are offered a follow-up appointment within seven days"},
      {"missing", "review the quality of the talks held with children after missing episodes"},
      {"physical-abuse", "relaunch the protocol for the assessment of bruising in babies who cannot yet crawl"},
      {"abusive-head-trauma", "ensure that all parents receive advice on coping with crying to prevent abusive head trauma"},
      {"culture-language", "ensure that professional interpreters are used for all contacts with families who need them"},
      {"school-exclusion", "review the arrangements for children taught by their parents by choice or attending school part-time"},
      {"disability-send", "ensure that children with a disability are supported to communicate their views in assessments"},
      {"looked-after", "review the planning for looked after children who move between foster homes frequently"},
      {"poverty-housing", "agree a protocol so that families placed in short-stay lodgings are notified to health services"},
      {"online-abuse", "commission awareness sessions for parents and schools on online abuse"},
      {"", "publish a summary of this review and the learning from it for front-line practitioners"},
      {"", "report to the Board on the progress made against the action plan arising from this review"},
      {"", "ensure that the learning from this review is included in single-agency and multi-agency training"},
      {"", "carry out an audit of a sample of cases to test whether practice has changed"},
      {"", "review its case recording guidance so that the reasons for decisions are written down"},
      {"", "update its safeguarding policy to reflect the findings of this review"},
      {"", "seek assurance that its staff have completed the relevant safeguarding training"},
      {"", "consider how the lessons from this review can be shared with the wider public"},
      {"", "write to the government department responsible to highlight the national learning from this case"},
  };
  return v;
}

const std::vector<std::string>& time_frames() {
  static const std::vector<std::string> v = {
      "within six months", "within three months of the publication of this report", "by the end of the year",
      "within twelve months", "and report back to the Board within six months",
      "and provide evidence of the impact within a year", "through a multi-agency audit in twelve months' time",
  };
  return v;
}

const std::vector<std::pair<std::string, std::string>>& glossary_terms() {
  static const std::vector<std::pair<std::string, std::string>> v = {
      {"CAMHS", "Child and Adolescent Mental Health Services"},
      {"CCG", "Clinical Commissioning Group"},
      {"CSC", "Children's Social Care"},
      {"DSL", "Designated Safeguarding Lead"},
      {"ED", "Emergency Department"},
      {"GP", "General Practitioner"},
      {"HV", "Health Visitor"},
      {"ICB", "Integrated Care Board"},
      {"LADO", "Local Authority Designated Officer"},
      {"MASH", "Multi-Agency Safeguarding Hub"},
      {"NHS", "National Health Service"},
      {"PCSO", "Police Community Support Officer"},
      {"SCR", "Serious Case Review"},
      {"CSPR", "Child Safeguarding Practice Review"},
      {"ToR", "Terms of Reference"},
  };
  return v;
}

}  // namespace scr::corpus
