// Every trainer use case, each logged (cross-cutting.ts): what the adapters (REST routes, the
// Telegram bot) call. The modules beside this one hold the use cases themselves.
import { allLogged } from "../cross-cutting";
import { answer } from "./answering";
import { defineSubject, importQuestions } from "./bank";
import { broadcast, broadcastView } from "./broadcast";
import { contestTurn, joinableContests } from "./contest-play";
import { answerContest, contestView, createContest, joinContest, listContests } from "./contests";
import { exportQuestions, exportStatistics } from "./exports";
import { setFilters } from "./filters";
import { personalPage, startPage } from "./pages";
import { attachPicture, questionPicture, removePicture } from "./pictures";
import { bankQuestion, bankQuestions, createQuestion, editQuestion } from "./questions";
import { issueLinkCode, linkTelegram, register } from "./registration";
import { studentStats, subjectStats } from "./statistics";
import { listRuns, resumeRun, showRun, startRun } from "./training";

export const trainer = allLogged({
  register,
  issueLinkCode,
  linkTelegram,
  startPage,
  personalPage,
  setFilters,
  startRun,
  showRun,
  resumeRun,
  listRuns,
  answer,
  studentStats,
  subjectStats,
  defineSubject,
  importQuestions,
  bankQuestions,
  bankQuestion,
  createQuestion,
  editQuestion,
  attachPicture,
  removePicture,
  questionPicture,
  exportQuestions,
  exportStatistics,
  broadcast,
  broadcastView,
  createContest,
  contestView,
  listContests,
  joinContest,
  answerContest,
  joinableContests,
  contestTurn,
});
