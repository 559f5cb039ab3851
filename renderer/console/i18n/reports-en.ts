import type { ReportsCatalogue } from './reports-ru.js';

export const reportsEn: ReportsCatalogue = {
  reports: {
    tab: 'Reports',
    title: 'Intake reports',
    scope: 'City or kindergarten',
    wholeCity: 'Whole city',
    from: 'From',
    to: 'To',
    report: 'Report',
    statistics: 'Intake statistics',
    forecast: 'Occupancy forecast (12 months)',
    language: 'Document language',
    show: 'Show',
    print: 'Print',
    xlsx: 'Download Excel (XLSX)',
    loading: 'Preparing the report…',
    notFound: 'This kindergarten is not in your city.',
  },
};
