// Demo question bank of the trainer for a local Podium (worker/db/seed.ts runs this; never in
// production): economics and English, each with themes, one source and original questions of
// every type, so a newcomer can train at once. The economics calculations are made from a few
// templates with different numbers (their answers computed here). Fixed ids and INSERT OR
// IGNORE: running it again changes nothing.
import { normaliseAnswer, type QuestionType } from "../trainer/rules";

type Quote = (value: string) => string;

interface DemoQuestion {
  type: QuestionType;
  theme: string;
  text: string;
  options?: string[];
  /** Right choices, from 0. */
  correct?: number[];
  accepted?: string[];
  explanation: string;
  withoutPaper?: boolean;
  difficulty?: number;
}

interface DemoSubject {
  id: string;
  name: string;
  themes: string[];
  questions: DemoQuestion[];
}

const SOURCE = "Демо-банк Podium";

const ECONOMICS_THEMES = [
  "Спрос и предложение",
  "Эластичность",
  "Издержки фирмы",
  "Монополия",
  "Олигополия и теория игр",
  "ВВП",
  "AD-AS",
  "Денежно-кредитная политика",
];

const ECONOMICS_CHOICES: DemoQuestion[] = [
  {
    type: "single",
    theme: "Спрос и предложение",
    text: "Доход потребителей вырос. Что произойдёт со спросом на **нормальное** благо?",
    options: [
      "Кривая спроса сдвинется вправо",
      "Кривая спроса сдвинется влево",
      "Движение вдоль кривой спроса",
      "Ничего",
    ],
    correct: [0],
    explanation: "Нормальное благо: спрос растёт с доходом, кривая сдвигается вправо.",
  },
  {
    type: "single",
    theme: "Спрос и предложение",
    text: "Цена на товар выросла, а спрос на него (кривая) не изменился. Что произошло с величиной спроса?",
    options: ["Выросла", "Упала", "Не изменилась"],
    correct: [1],
    explanation: "Закон спроса: при росте цены величина спроса падает, это движение вдоль кривой.",
  },
  {
    type: "single",
    theme: "Спрос и предложение",
    text: "Государство установило цену **ниже** равновесной. Что возникнет на рынке?",
    options: ["Излишек", "Дефицит", "Равновесие", "Рост предложения"],
    correct: [1],
    explanation: "При цене ниже равновесной величина спроса больше величины предложения: дефицит.",
  },
  {
    type: "single",
    theme: "Эластичность",
    text: "Спрос абсолютно неэластичен по цене. Как выглядит кривая спроса?",
    options: ["Горизонтальная", "Вертикальная", "С наклоном −1", "Гипербола"],
    correct: [1],
    explanation: "Величина спроса не меняется при любой цене: вертикальная линия.",
  },
  {
    type: "single",
    theme: "Эластичность",
    text: "Спрос эластичен (|E| > 1). Фирма снижает цену. Что будет с выручкой?",
    options: ["Вырастет", "Упадёт", "Не изменится"],
    correct: [0],
    explanation: "При эластичном спросе величина спроса растёт в процентах сильнее, чем падает цена.",
  },
  {
    type: "single",
    theme: "Издержки фирмы",
    text: "Какие издержки не зависят от объёма выпуска в краткосрочном периоде?",
    options: ["Переменные", "Постоянные", "Предельные", "Средние переменные"],
    correct: [1],
    explanation: "Постоянные издержки (аренда, оборудование) фирма несёт и при нулевом выпуске.",
  },
  {
    type: "single",
    theme: "Монополия",
    text: "Монополист максимизирует прибыль при условии…",
    options: ["P = MC", "MR = MC", "P = AC", "MR = 0"],
    correct: [1],
    explanation: "Любая фирма максимизирует прибыль там, где предельная выручка равна предельным издержкам.",
  },
  {
    type: "single",
    theme: "ВВП",
    text: "Что из этого **входит** в ВВП России?",
    options: ["Покупка акций", "Пенсия", "Новая квартира, построенная в этом году", "Перепродажа подержанной машины"],
    correct: [2],
    explanation: "В ВВП входят только конечные товары и услуги, произведённые в этом году.",
  },
  {
    type: "single",
    theme: "AD-AS",
    text: "Центробанк повысил ключевую ставку. Куда сдвинется кривая AD?",
    options: ["Вправо", "Влево", "Не сдвинется"],
    correct: [1],
    explanation: "Кредиты дорожают, инвестиции и потребление падают: совокупный спрос снижается.",
  },
  {
    type: "single",
    theme: "Денежно-кредитная политика",
    text: "Центробанк **покупает** облигации на открытом рынке. Что происходит с денежной массой?",
    options: ["Растёт", "Падает", "Не меняется"],
    correct: [0],
    explanation: "Покупая облигации, ЦБ платит за них деньгами: резервы банков и денежная масса растут.",
  },
  {
    type: "multiple",
    theme: "Олигополия и теория игр",
    text: "Какие рынки ближе всего к олигополии?",
    options: ["Сотовая связь", "Рынок пшеницы", "Авиаперевозки", "Рынок репетиторов"],
    correct: [0, 2],
    explanation: "Мало крупных продавцов и высокие барьеры входа: связь, авиаперевозки.",
  },
  {
    type: "multiple",
    theme: "Спрос и предложение",
    text: "Что сдвигает кривую **предложения** вправо?",
    options: ["Удешевление сырья", "Рост цены самого товара", "Новая технология", "Рост налога на производителя"],
    correct: [0, 2],
    explanation: "Предложение растёт, когда производить дешевле; цена товара сдвигает по кривой, налог — влево.",
  },
  {
    type: "multiple",
    theme: "ВВП",
    text: "Что входит в расчёт ВВП по расходам?",
    options: ["Потребление", "Инвестиции", "Трансферты", "Чистый экспорт"],
    correct: [0, 1, 3],
    explanation: "Y = C + I + G + Xn; трансферты не оплачивают товары и не входят.",
  },
  {
    type: "multiple",
    theme: "Монополия",
    text: "Что верно для монополиста (в сравнении с совершенной конкуренцией)?",
    options: ["Цена выше", "Выпуск больше", "Есть чистые потери общества", "Цена равна MC"],
    correct: [0, 2],
    explanation: "Монополист ограничивает выпуск и назначает цену выше MC: возникают чистые потери.",
  },
  {
    type: "multiple",
    theme: "Денежно-кредитная политика",
    text: "Какие меры ЦБ **сокращают** денежную массу?",
    options: ["Рост ставки резервирования", "Продажа облигаций", "Снижение ключевой ставки", "Выкуп валюты"],
    correct: [0, 1],
    explanation: "Банки могут выдать меньше кредитов; продажа облигаций изымает деньги.",
  },
];

type Three = [number, number, number];
type Four = [number, number, number, number];
type Five = [number, number, number, number, number];

/** Qd = a − bP, Qs = c + dP: the equilibrium price. */
const equilibrium = ([a, b, c, d]: Four): DemoQuestion => ({
  type: "open",
  theme: "Спрос и предложение",
  text: `Спрос: Qd = ${a} − ${b}P, предложение: Qs = ${c} + ${d}P. Найдите равновесную цену.`,
  accepted: [String((a - c) / (b + d))],
  explanation: `${a} − ${b}P = ${c} + ${d}P, откуда P = ${(a - c) / (b + d)}.`,
  withoutPaper: false,
});

/** Qd = a − bP at price p: the price elasticity of demand. */
const pointElasticity = ([a, b, p]: Three): DemoQuestion => {
  const q = a - b * p;
  const e = Math.round(((-b * p) / q) * 100) / 100;
  return {
    type: "open",
    theme: "Эластичность",
    text: `Спрос: Qd = ${a} − ${b}P. Найдите эластичность спроса по цене при P = ${p} (с точностью до сотых).`,
    // Olympiads write elasticity with its sign or in modulus: both are right.
    accepted: [String(e), String(-e)],
    explanation: `Q = ${q}, E = −b·P/Q = −${b}·${p}/${q} ≈ ${e}.`,
    withoutPaper: false,
    difficulty: 3,
  };
};

/** P = a − bQ, MC = c: the monopolist's output. */
const monopoly = ([a, b, c]: Three): DemoQuestion => ({
  type: "open",
  theme: "Монополия",
  text: `Спрос на продукцию монополиста: P = ${a} − ${b}Q, предельные издержки постоянны: MC = ${c}. Найдите оптимальный выпуск.`,
  accepted: [String((a - c) / (2 * b))],
  explanation: `MR = ${a} − ${2 * b}Q = ${c}, Q = ${(a - c) / (2 * b)}.`,
  withoutPaper: false,
  difficulty: 3,
});

/** Reserve ratio r%: the simple money multiplier. */
const multiplier = (r: number): DemoQuestion => ({
  type: "open",
  theme: "Денежно-кредитная политика",
  text: `Норма обязательных резервов ${r}%. Чему равен простой денежный мультипликатор?`,
  accepted: [String(100 / r)],
  explanation: `Мультипликатор = 1 / r = 1 / ${r / 100} = ${100 / r}.`,
  withoutPaper: true,
});

/** C, I, G, exports, imports: GDP by expenditure. */
const gdp = ([c, i, g, x, m]: Five): DemoQuestion => ({
  type: "open",
  theme: "ВВП",
  text: `Потребление ${c}, инвестиции ${i}, госзакупки ${g}, экспорт ${x}, импорт ${m}. Найдите ВВП.`,
  accepted: [String(c + i + g + x - m)],
  explanation: `Y = C + I + G + (Ex − Im) = ${c} + ${i} + ${g} + (${x} − ${m}) = ${c + i + g + x - m}.`,
  withoutPaper: true,
});

const EQUILIBRIA: Four[] = [
  [100, 2, 10, 1],
  [120, 3, 20, 2],
  [60, 1, 0, 2],
  [90, 4, 10, 4],
];
const ELASTICITIES: Three[] = [
  [100, 2, 20],
  [50, 1, 10],
  [80, 4, 5],
];
const MONOPOLIES: Three[] = [
  [100, 1, 20],
  [60, 2, 12],
  [200, 5, 50],
];
const ECONOMIES: Five[] = [
  [500, 100, 150, 80, 60],
  [300, 50, 100, 40, 70],
];

const ECONOMICS_OPEN: DemoQuestion[] = [
  ...EQUILIBRIA.map(equilibrium),
  ...ELASTICITIES.map(pointElasticity),
  ...MONOPOLIES.map(monopoly),
  ...[10, 20, 25, 5].map(multiplier),
  ...ECONOMIES.map(gdp),
  {
    type: "open",
    theme: "Издержки фирмы",
    text: "Как называются издержки на производство **ещё одной** единицы продукции?",
    accepted: ["предельные", "предельные издержки", "mc"],
    explanation: "Предельные издержки MC = ΔTC / ΔQ.",
  },
];

const ENGLISH_THEMES = ["Tenses", "Articles", "Prepositions", "Vocabulary", "Word formation"];

const ENGLISH_QUESTIONS: DemoQuestion[] = [
  {
    type: "single",
    theme: "Tenses",
    text: "By the time we arrived, the film ___.",
    options: ["already started", "had already started", "has already started", "was already start"],
    correct: [1],
    explanation: "An action before another past action: Past Perfect.",
  },
  {
    type: "single",
    theme: "Tenses",
    text: "She ___ here since 2019.",
    options: ["lives", "is living", "has lived", "lived"],
    correct: [2],
    explanation: "*Since* with a state lasting until now: Present Perfect.",
  },
  {
    type: "single",
    theme: "Tenses",
    text: "Look at those clouds! It ___ rain.",
    options: ["will", "is going to", "rains", "would"],
    correct: [1],
    explanation: "A prediction from present evidence: *be going to*.",
  },
  {
    type: "single",
    theme: "Articles",
    text: "She plays ___ piano beautifully.",
    options: ["a", "an", "the", "—"],
    correct: [2],
    explanation: "Musical instruments take *the*.",
  },
  {
    type: "single",
    theme: "Articles",
    text: "He is ___ honest man.",
    options: ["a", "an", "the", "—"],
    correct: [1],
    explanation: "*Honest* begins with a vowel sound (the h is silent).",
  },
  {
    type: "single",
    theme: "Prepositions",
    text: "I'm not very good ___ maths.",
    options: ["in", "at", "on", "with"],
    correct: [1],
    explanation: "*Good at* something.",
  },
  {
    type: "single",
    theme: "Prepositions",
    text: "The meeting is ___ Monday morning.",
    options: ["in", "at", "on", "by"],
    correct: [2],
    explanation: "Days (and parts of a named day) take *on*.",
  },
  {
    type: "single",
    theme: "Vocabulary",
    text: "Choose the word closest in meaning to *reluctant*.",
    options: ["eager", "unwilling", "tired", "careful"],
    correct: [1],
    explanation: "*Reluctant*: not wanting to do something.",
  },
  {
    type: "single",
    theme: "Vocabulary",
    text: "Which word completes the sentence? *The company had to ___ fifty workers.*",
    options: ["lay off", "lay out", "lay down", "lay by"],
    correct: [0],
    explanation: "*Lay off*: to stop employing someone.",
  },
  {
    type: "multiple",
    theme: "Tenses",
    text: "Which sentences are correct?",
    options: [
      "I have seen him yesterday.",
      "I saw him yesterday.",
      "I have never seen him.",
      "I never have seen him yesterday.",
    ],
    correct: [1, 2],
    explanation: "A finished time (*yesterday*) needs the Past Simple; *never* up to now takes the Present Perfect.",
  },
  {
    type: "multiple",
    theme: "Vocabulary",
    text: "Which words are synonyms of *big*?",
    options: ["huge", "tiny", "enormous", "narrow"],
    correct: [0, 2],
    explanation: "*Huge* and *enormous* mean very big.",
  },
  {
    type: "multiple",
    theme: "Articles",
    text: "In which sentences is *the* needed in the gap? *___ Volga*, *___ Everest*, *___ Pacific*, *___ Moscow*",
    options: ["Volga", "Everest", "Pacific", "Moscow"],
    correct: [0, 2],
    explanation: "Rivers and oceans take *the*; single mountains and most cities do not.",
  },
  ...(
    [
      ["decide", "noun", "decision"],
      ["happy", "noun", "happiness"],
      ["employ", "noun for the person who works", "employee"],
      ["danger", "adjective", "dangerous"],
      ["possible", "opposite adjective", "impossible"],
      ["beauty", "adjective", "beautiful"],
      ["develop", "noun", "development"],
      ["true", "noun", "truth"],
    ] as const
  ).map(
    ([word, form, answer]): DemoQuestion => ({
      type: "open",
      theme: "Word formation",
      text: `Word formation: make a **${form}** from *${word}*.`,
      accepted: [answer],
      explanation: `${word} → ${answer}.`,
    }),
  ),
  ...(
    [
      ["She is interested ___ history.", "in"],
      ["It depends ___ the weather.", "on"],
      ["He apologised ___ being late.", "for"],
      ["We arrived ___ Moscow at night.", "in"],
    ] as const
  ).map(
    ([text, answer]): DemoQuestion => ({
      type: "open",
      theme: "Prepositions",
      text: `Type the missing preposition: ${text}`,
      accepted: [answer],
      explanation: `The right preposition is *${answer}*.`,
    }),
  ),
];

export const DEMO_SUBJECTS: DemoSubject[] = [
  {
    id: "economics",
    name: "Экономика",
    themes: ECONOMICS_THEMES,
    questions: [...ECONOMICS_CHOICES, ...ECONOMICS_OPEN],
  },
  { id: "english", name: "Английский язык", themes: ENGLISH_THEMES, questions: ENGLISH_QUESTIONS },
];

export function demoTrainer(now: number, quote: Quote): string[] {
  const json = (value: unknown) => quote(JSON.stringify(value));
  return DEMO_SUBJECTS.flatMap((subject) => {
    const source = `demo-${subject.id}-source`;
    const themeId = (name: string) => `demo-${subject.id}-theme-${subject.themes.indexOf(name) + 1}`;
    return [
      `INSERT OR IGNORE INTO trainer_subject (id, name, created_at) VALUES (${quote(subject.id)}, ${quote(subject.name)}, ${now});`,
      ...subject.themes.map(
        (name) =>
          `INSERT OR IGNORE INTO trainer_theme (id, subject_id, name) VALUES (${quote(themeId(name))}, ${quote(subject.id)}, ${quote(name)});`,
      ),
      `INSERT OR IGNORE INTO trainer_source (id, subject_id, name) VALUES (${quote(source)}, ${quote(subject.id)}, ${quote(SOURCE)});`,
      ...subject.questions.map(
        (q, i) =>
          `INSERT OR IGNORE INTO trainer_question (id, subject_id, theme_id, source_id, type, text, options, correct, accepted, explanation, without_paper, difficulty, fingerprint, created_at, updated_at) VALUES (${quote(`demo-${subject.id}-${i + 1}`)}, ${quote(subject.id)}, ${quote(themeId(q.theme))}, ${quote(source)}, '${q.type}', ${quote(q.text)}, ${json(q.options ?? [])}, ${json(q.correct ?? [])}, ${json((q.accepted ?? []).map(normaliseAnswer))}, ${quote(q.explanation)}, ${q.withoutPaper === false ? 0 : 1}, ${q.difficulty ?? 2}, ${quote(normaliseAnswer(q.text))}, ${now}, ${now});`,
      ),
    ];
  });
}
