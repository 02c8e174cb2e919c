// What the bot says: the use cases' views written as short Telegram messages (plain text, so that
// nothing in a question's Markdown can break Telegram's own markup). One catalogue per language
// with the same keys (`Texts`), so a text missing in one language does not compile; the
// functions below assemble messages from a catalogue and hold no words of their own.
import type { Problem } from "../../lib/problem";
import { plainText } from "../markdown";
import type { ContestTurn, JoinableContest } from "../use-cases/contest-play";
import type { StartPage } from "../use-cases/pages";
import type { StudentStats } from "../use-cases/statistics";
import type { AnswerView, QuestionView, RunView } from "../use-cases/views";

export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A person who has not chosen: Russian for a Russian-language Telegram, English for anyone else. */
export const languageOfTelegram = (code: string | undefined): Language =>
  code?.toLowerCase().startsWith("ru") ? "ru" : "en";

/** A place in a ranking as the bot tells it. */
interface Place {
  place: number;
  contestants: number;
  score: number;
}

const RU = {
  languageName: "Русский",
  chooseLanguage: "Язык бота / Bot language:",
  languageSet: "Теперь я говорю по-русски.",
  language: "🌐 Язык / Language",
  askName:
    "Добро пожаловать в тренажёр олимпиад! Как вас зовут? Напишите фамилию, имя и отчество (если есть).\nYou can switch to English: /language",
  nameTooShort: "Напишите хотя бы фамилию и имя, через пробел.",
  askGrade: "В каком вы классе?",
  gradeInvalid: "Выберите класс кнопкой или напишите число от 1 до 11.",
  askRegion: "Из какого вы региона? Например: Москва, Новосибирская область.",
  registered: (name: string) => `Готово, ${name}! Выберите предмет: /filters, затем тренируйтесь: /train.`,
  greeting: (name: string) => `Здравствуйте, ${name}!`,
  figures: (answered: number, correct: number) => `Ответов: ${answered}, верных: ${correct}.`,
  openRunHint: "У вас есть начатая тренировка: /train, чтобы продолжить.",
  startHint: "Начать тренировку: /train. Фильтры: /filters. Статистика: /stats. Олимпиады: /contest.",
  chooseSubject: "Выберите предмет (и, если хотите, условия):",
  filtersSaved: (subject: string) => `Фильтры сохранены: ${subject}. Начать тренировку: /train`,
  noFilters: "Сначала выберите предмет: /filters",
  runFinished: (correct: number, answered: number) =>
    `Вопросы по этим фильтрам закончились. Итог: ${correct} из ${answered}. Новые фильтры: /filters`,
  noOpenRun: "Сейчас нет начатой тренировки. Начать: /train",
  alreadyAnswered: "На этот вопрос вы уже ответили.",
  linked: (name: string) => `Telegram привязан к ученику ${name}. Тренировки и статистика теперь общие с сайтом.`,
  linkCodeInvalid: "Такого кода нет или он истёк: покажите новый на сайте (страница «Я»).",
  needDigits: "Напишите номера верных ответов через пробел, например: 1 3",
  paper: "Только без ручки и бумаги",
  onlyNew: "Только новые",
  onlyWrong: "Только ошибки",
  train: "Тренироваться",
  stats: "Статистика",
  filters: "Фильтры",
  contests: "Олимпиады",
  questionHeading: (position: number, where: string) => `Вопрос ${position}. ${where}`,
  multipleHint: "Несколько верных ответов: напишите их номера через пробел.",
  openHint: "Напишите ответ сообщением.",
  right: "✅ Верно!",
  wrong: "❌ Неверно.",
  rightAnswer: (answer: string) => `Верный ответ: ${answer}.`,
  score: (correct: number, answered: number) => `Счёт: ${correct} из ${answered}.`,
  statsTotal: (answered: number, correct: number, share: string) =>
    `Ответов: ${answered}, верных: ${correct} (${share}).`,
  streak: (current: number, longest: number) => `Серия: ${current} дн. подряд (лучшая: ${longest}).`,
  weakest: (themes: string) => `Слабые темы: ${themes}`,
  noContests: "Сейчас нет олимпиад, к которым можно присоединиться.",
  contestsHeading: "Олимпиады (кнопка — участвовать):",
  contestRunning: (title: string, endsAt: string, page: string) => `• ${title}: идёт до ${endsAt} — ${page}`,
  contestAhead: (title: string, startsAt: string, page: string) => `• ${title}: начало ${startsAt} — ${page}`,
  contestWaiting: (title: string, startsAt: string) =>
    `Вы участник олимпиады «${title}». Она начнётся ${startsAt}: тогда нажмите /contest и выберите её.`,
  contestQuestionHeading: (title: string, position: number, total: number) =>
    `«${title}»: вопрос ${position} из ${total}.`,
  contestAnswered: (verdict: string, place: string) => `${verdict} ${place}`,
  contestDone: (title: string, place: string, page: string) =>
    `Вы ответили на все вопросы олимпиады «${title}». ${place}\nРейтинг вживую: ${page}`,
  contestOverFor: (title: string, place: string) => `Олимпиада «${title}» закончилась. ${place}`,
  place: ({ place, contestants, score }: Place) => `Ваше место: ${place} из ${contestants}, верных ответов: ${score}.`,
  ranking: "Рейтинг",
  rankingHeading: (title: string) => `Рейтинг олимпиады «${title}»:`,
  rankingLine: (place: number, name: string, score: number) => `${place}. ${name} — ${score}`,
  /** The command menu Telegram shows beside the message box (bot/connect.ts). */
  commands: {
    start: "Начало и регистрация",
    train: "Тренироваться",
    stats: "Моя статистика",
    filters: "Предмет и фильтры",
    contest: "Олимпиады",
    language: "Язык бота / Bot language",
    link: "Привязать к ученику на сайте: /link КОД",
  },
  refusals: {
    not_registered: "Сначала зарегистрируйтесь: /start",
    already_linked: "Этот Telegram уже привязан к ученику.",
    over: "Время олимпиады вышло: ответы больше не принимаются.",
    not_started: "Олимпиада ещё не началась: ответы принимаются с её начала.",
    not_joined: "Сначала присоединитесь к олимпиаде: /contest",
    not_found: "Не нашлось: возможно, это удалили. Начните заново: /start",
    invalid_answer: "Такой ответ не подходит к вопросу: проверьте номера вариантов.",
  },
  refused: (detail: string) => `Не получилось: ${detail}`,
  when: (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`,
};

export type Texts = typeof RU;
type Refusal = keyof Texts["refusals"];

const EN: Texts = {
  languageName: "English",
  chooseLanguage: "Bot language / Язык бота:",
  languageSet: "I speak English now.",
  language: "🌐 Language / Язык",
  askName:
    "Welcome to the olympiad trainer! What is your name? Write your surname, first name and patronymic (if any).\nНа русском: /language",
  nameTooShort: "Write at least your surname and first name, separated by a space.",
  askGrade: "Which grade are you in?",
  gradeInvalid: "Choose your grade with a button or write a number from 1 to 11.",
  askRegion: "Which region are you from? For example: Moscow, Novosibirsk Oblast.",
  registered: (name) => `Done, ${name}! Choose a subject: /filters, then train: /train.`,
  greeting: (name) => `Hello, ${name}!`,
  figures: (answered, correct) => `Answers: ${answered}, right: ${correct}.`,
  openRunHint: "You have a training run under way: /train to go on.",
  startHint: "Train: /train. Filters: /filters. Statistics: /stats. Contests: /contest.",
  chooseSubject: "Choose a subject (and, if you like, conditions):",
  filtersSaved: (subject) => `Filters saved: ${subject}. Start training: /train`,
  noFilters: "Choose a subject first: /filters",
  runFinished: (correct, answered) =>
    `No questions left for these filters. Result: ${correct} of ${answered}. New filters: /filters`,
  noOpenRun: "No training run is under way. Start one: /train",
  alreadyAnswered: "You have answered this question already.",
  linked: (name) => `Telegram is linked to the student ${name}. Training and statistics are now shared with the web.`,
  linkCodeInvalid: "No such code, or it has expired: show a new one on the web (the “Me” page).",
  needDigits: "Write the numbers of the right answers separated by spaces, e.g.: 1 3",
  paper: "Without pen and paper only",
  onlyNew: "New only",
  onlyWrong: "Mistakes only",
  train: "Train",
  stats: "Statistics",
  filters: "Filters",
  contests: "Contests",
  questionHeading: (position, where) => `Question ${position}. ${where}`,
  multipleHint: "Several right answers: write their numbers separated by spaces.",
  openHint: "Write your answer as a message.",
  right: "✅ Right!",
  wrong: "❌ Wrong.",
  rightAnswer: (answer) => `Right answer: ${answer}.`,
  score: (correct, answered) => `Score: ${correct} of ${answered}.`,
  statsTotal: (answered, correct, share) => `Answers: ${answered}, right: ${correct} (${share}).`,
  streak: (current, longest) => `Streak: ${current} days in a row (best: ${longest}).`,
  weakest: (themes) => `Weakest themes: ${themes}`,
  noContests: "There are no contests to join now.",
  contestsHeading: "Contests (tap one to take part):",
  contestRunning: (title, endsAt, page) => `• ${title}: on until ${endsAt} — ${page}`,
  contestAhead: (title, startsAt, page) => `• ${title}: starts ${startsAt} — ${page}`,
  contestWaiting: (title, startsAt) =>
    `You have joined the contest “${title}”. It starts ${startsAt}: then send /contest and choose it.`,
  contestQuestionHeading: (title, position, total) => `“${title}”: question ${position} of ${total}.`,
  contestAnswered: (verdict, place) => `${verdict} ${place}`,
  contestDone: (title, place, page) =>
    `You have answered every question of the contest “${title}”. ${place}\nLive ranking: ${page}`,
  contestOverFor: (title, place) => `The contest “${title}” is over. ${place}`,
  place: ({ place, contestants, score }) => `Your place: ${place} of ${contestants}, right answers: ${score}.`,
  ranking: "Ranking",
  rankingHeading: (title) => `Ranking of the contest “${title}”:`,
  rankingLine: (place, name, score) => `${place}. ${name} — ${score}`,
  commands: {
    start: "Start and register",
    train: "Train",
    stats: "My statistics",
    filters: "Subject and filters",
    contest: "Contests",
    language: "Bot language / Язык бота",
    link: "Link to your student on the site: /link CODE",
  },
  refusals: {
    not_registered: "Register first: /start",
    already_linked: "This Telegram account already belongs to a student.",
    over: "The contest's time is up: answers are no longer accepted.",
    not_started: "The contest has not started yet: answers are taken from its start.",
    not_joined: "Join the contest first: /contest",
    not_found: "Not found: it may have been removed. Start again: /start",
    invalid_answer: "That answer does not fit the question: check the option numbers.",
  },
  refused: (detail) => `That did not work: ${detail}`,
  when: (iso) => `${iso.slice(0, 16).replace("T", " ")} UTC`,
};

export const TEXTS: Record<Language, Texts> = { ru: RU, en: EN };

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

/** What to tell a person whose request a use case refused (a Problem under 500). */
export function refusalText(t: Texts, problem: Problem): string {
  const reason = problem.extra.reason;
  if (typeof reason === "string" && reason in t.refusals) return t.refusals[reason as Refusal];
  if (problem.extra.errors?.some((e) => e.code === "invalid_answer")) return t.refusals.invalid_answer;
  if (problem.status === 404) return t.refusals.not_found;
  return t.refused(problem.detail);
}

export function startText(t: Texts, page: StartPage): string {
  return [
    t.greeting(page.greeting),
    t.figures(page.answered, page.correct),
    page.openRun?.current ? t.openRunHint : t.startHint,
  ].join("\n");
}

/** A question with its numbered options and how to answer it, under a heading saying where it is from. */
function questionText(t: Texts, heading: string, question: QuestionView): string {
  const lines = [heading, "", plainText(question.text)];
  if (question.options.length) lines.push("", ...question.options.map((option, i) => `${i + 1}) ${option}`));
  if (question.type === "multiple") lines.push("", t.multipleHint);
  if (question.type === "open") lines.push("", t.openHint);
  return lines.join("\n");
}

export function runQuestionText(t: Texts, position: number, question: QuestionView): string {
  const where = [question.subject.name, question.theme?.name, question.source?.name].filter(Boolean).join(" · ");
  return questionText(t, t.questionHeading(position, where), question);
}

export function answerText(t: Texts, result: AnswerView): string {
  const right =
    result.rightChoices.length > 0
      ? t.rightAnswer(result.rightChoices.map((c) => c + 1).join(", "))
      : t.rightAnswer(result.acceptedAnswers[0] ?? "");
  return [
    result.correct ? t.right : t.wrong,
    result.correct ? "" : right,
    plainText(result.explanation),
    t.score(result.run.correctCount, result.run.answeredCount),
  ]
    .filter(Boolean)
    .join("\n");
}

export const runFinishedText = (t: Texts, run: RunView) => t.runFinished(run.correctCount, run.answeredCount);

export function statsText(t: Texts, stats: StudentStats): string {
  const lines = [
    t.statsTotal(stats.total.answered, stats.total.correct, percent(stats.total.accuracy)),
    t.streak(stats.streak.current, stats.streak.longest),
    ...stats.subjects.map((s) => `${s.name}: ${s.correct}/${s.answered} (${percent(s.accuracy)})`),
  ];
  if (stats.weakest.length) {
    lines.push(t.weakest(stats.weakest.map((th) => `${th.name} (${percent(th.accuracy)})`).join(", ")));
  }
  return lines.join("\n");
}

const contestPage = (siteUrl: string, id: string) => `${siteUrl}/trainer/contests/${id}`;

/** Contests one can join, each with its page on the web (where the live ranking is). */
export function contestsText(t: Texts, contests: JoinableContest[], siteUrl: string): string {
  if (contests.length === 0) return t.noContests;
  return [
    t.contestsHeading,
    ...contests.map((c) =>
      c.running
        ? t.contestRunning(c.title, t.when(c.endsAt), contestPage(siteUrl, c.id))
        : t.contestAhead(c.title, t.when(c.startsAt), contestPage(siteUrl, c.id)),
    ),
  ].join("\n");
}

export const placeText = (t: Texts, turn: ContestTurn) =>
  t.place({ place: turn.standing.place, contestants: turn.contestants, score: turn.standing.score });

/** Where a contestant stands when the bot has no question to put: before, after, or done. */
export function contestStateText(t: Texts, turn: ContestTurn, siteUrl: string): string {
  if (turn.phase === "not_started") return t.contestWaiting(turn.title, t.when(turn.startsAt));
  if (turn.phase === "over") return t.contestOverFor(turn.title, placeText(t, turn));
  return t.contestDone(turn.title, placeText(t, turn), contestPage(siteUrl, turn.id));
}

export function contestQuestionText(t: Texts, turn: ContestTurn, position: number, question: QuestionView) {
  return questionText(t, t.contestQuestionHeading(turn.title, position + 1, turn.questionCount ?? 0), question);
}

export function rankingText(t: Texts, turn: ContestTurn): string {
  return [
    t.rankingHeading(turn.title),
    ...turn.leaders.map((s) => t.rankingLine(s.place, s.name, s.score)),
    "",
    placeText(t, turn),
  ].join("\n");
}
