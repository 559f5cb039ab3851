import type { ReportsCatalogue } from './reports-ru.js';

export const reportsKk: ReportsCatalogue = {
  reports: {
    tab: 'Есептер',
    title: 'Толықтыру туралы есептер',
    scope: 'Қала немесе балабақша',
    wholeCity: 'Бүкіл қала',
    from: 'Басталу күні',
    to: 'Аяқталу күні',
    report: 'Есеп',
    statistics: 'Толықтыру статистикасы',
    forecast: 'Толымдылық болжамы (12 ай)',
    language: 'Құжат тілі',
    show: 'Көрсету',
    print: 'Басып шығару',
    xlsx: 'Excel (XLSX) жүктеу',
    loading: 'Есеп дайындалуда…',
    notFound: 'Бұл балабақша сіздің қалаңызда жоқ.',
  },
};
