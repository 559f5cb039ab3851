import type { Widen } from '../../src/i18n/ru.js';

/** The console's Reports tab (the documents' own texts are the desk's `report` block). */
export const reportsRu = {
  reports: {
    tab: 'Отчёты',
    title: 'Отчёты о комплектовании',
    scope: 'Город или детский сад',
    wholeCity: 'Весь город',
    from: 'С даты',
    to: 'По дату',
    report: 'Отчёт',
    statistics: 'Статистика комплектования',
    forecast: 'Прогноз наполняемости (12 месяцев)',
    language: 'Язык документа',
    show: 'Показать',
    print: 'Печать',
    xlsx: 'Скачать Excel (XLSX)',
    loading: 'Отчёт готовится…',
    notFound: 'Этого детского сада нет в вашем городе.',
  },
};
export type ReportsCatalogue = Widen<typeof reportsRu>;
