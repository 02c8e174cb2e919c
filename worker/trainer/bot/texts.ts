// What the bot says: the use cases' views written as short Telegram messages (plain text, so that
// nothing in a question's Markdown can break Telegram's own markup). In Russian, the students'
// language; the web app has both languages.
import { plainText } from "../markdown";
import type { StartPage } from "../use-cases/pages";
import type { StudentStats } from "../use-cases/statistics";
import type { AnswerView, QuestionView, RunView } from "../use-cases/views";

const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);

export const TEXTS = {
  askName: "Добро пожаловать в тренажёр олимпиад! Как вас зовут? Напишите фамилию, имя и отчество (если есть).",
  nameTooShort: "Напишите хотя бы фамилию и имя, через пробел.",
  askGrade: "В каком вы классе?",
  gradeInvalid: "Выберите класс кнопкой или напишите число от 1 до 11.",
  askRegion: "Из какого вы региона? Например: Москва, Новосибирская область.",
  registered: (name: string) => `Готово, ${name}! Выберите предмет: /filters, затем тренируйтесь: /train.`,
  chooseSubject: "Выберите предмет (и, если хотите, условия):",
  filtersSaved: (subject: string) => `Фильтры сохранены: ${subject}. Начать тренировку: /train`,
  noFilters: "Сначала выберите предмет: /filters",
  runFinished: (run: RunView) =>
    `Вопросы по этим фильтрам закончились. Итог: ${run.correctCount} из ${run.answeredCount}. Новые фильтры: /filters`,
  noOpenRun: "Сейчас нет начатой тренировки. Начать: /train",
  alreadyAnswered: "На этот вопрос вы уже ответили.",
  linked: (name: string) => `Telegram привязан к ученику ${name}. Тренировки и статистика теперь общие с сайтом.`,
  needDigits: "Напишите номера верных ответов через пробел, например: 1 3",
  notRegistered: "Сначала зарегистрируйтесь: /start",
  paper: "Только без ручки и бумаги",
  onlyNew: "Только новые",
  onlyWrong: "Только ошибки",
  train: "Тренироваться",
  stats: "Статистика",
  filters: "Фильтры",
};

export function startText(page: StartPage): string {
  const lines = [`Здравствуйте, ${page.greeting}!`, `Ответов: ${page.answered}, верных: ${page.correct}.`];
  if (page.openRun?.current) lines.push("У вас есть начатая тренировка: /train, чтобы продолжить.");
  else lines.push("Начать тренировку: /train. Фильтры: /filters. Статистика: /stats.");
  return lines.join("\n");
}

export function questionText(position: number, question: QuestionView): string {
  const where = [question.subject.name, question.theme?.name, question.source?.name].filter(Boolean).join(" · ");
  const lines = [`Вопрос ${position}. ${where}`, "", plainText(question.text)];
  if (question.options.length) {
    lines.push("", ...question.options.map((option, i) => `${i + 1}) ${option}`));
  }
  if (question.type === "multiple") lines.push("", "Несколько верных ответов: напишите их номера через пробел.");
  if (question.type === "open") lines.push("", "Напишите ответ сообщением.");
  return lines.join("\n");
}

export function answerText(result: AnswerView): string {
  const verdict = result.correct ? "✅ Верно!" : "❌ Неверно.";
  const right =
    result.rightChoices.length > 0
      ? `Верный ответ: ${result.rightChoices.map((c) => c + 1).join(", ")}.`
      : `Верный ответ: ${result.acceptedAnswers[0] ?? ""}.`;
  return [
    verdict,
    result.correct ? "" : right,
    plainText(result.explanation),
    `Счёт: ${result.run.correctCount} из ${result.run.answeredCount}.`,
  ]
    .filter(Boolean)
    .join("\n");
}

export function statsText(stats: StudentStats): string {
  const lines = [
    `Ответов: ${stats.total.answered}, верных: ${stats.total.correct} (${percent(stats.total.accuracy)}).`,
    `Серия: ${stats.streak.current} дн. подряд (лучшая: ${stats.streak.longest}).`,
    ...stats.subjects.map((s) => `${s.name}: ${s.correct}/${s.answered} (${percent(s.accuracy)})`),
  ];
  if (stats.weakest.length) {
    lines.push(`Слабые темы: ${stats.weakest.map((t) => `${t.name} (${percent(t.accuracy)})`).join(", ")}`);
  }
  return lines.join("\n");
}

/** Contests not yet over, each with its page on the web (where the live ranking is). */
export function contestsText(contests: { id: string; title: string; startsAt: string }[], siteUrl: string): string {
  if (contests.length === 0) return "Сейчас нет объявленных олимпиад.";
  return [
    "Олимпиады:",
    ...contests.map(
      (c) =>
        `• ${c.title}, начало ${c.startsAt.slice(0, 16).replace("T", " ")} UTC — ${siteUrl}/trainer/contests/${c.id}`,
    ),
  ].join("\n");
}
