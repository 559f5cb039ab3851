// The parent page's words in Russian and Kazakh: the words of the city's notice and portal.
// t(lang, key, params) fills {name} placeholders; a missing key shows itself, so a gap is visible.

/** A catalogue: key → text with {name} placeholders. */
export type Catalogue = Readonly<Record<string, string>>;
/** The page's languages. */
export type Lang = 'ru' | 'kk';
/** A value a placeholder takes. */
type Params = Readonly<Record<string, unknown>>;

const ru: Catalogue = {
  title: 'Портал родителя',
  demo: 'демонстрация',
  language: 'Язык страницы',
  signInTitle: 'Вход в личный кабинет',
  login: 'Логин',
  password: 'Пароль',
  signIn: 'Войти',
  signOut: 'Выйти',
  demoHint:
    'Демо-город: родители входят как p0001, p0002, … с паролем demo-parent. Только законный представитель, подавший заявление, может получить направление; передавать доступ к личному кабинету запрещено.',
  serverTime: 'Время сервера (Петропавловск)',
  refresh: 'Обновить',
  updatedAt: 'Обновлено в {time}',
  'error.invalid_credentials': 'Неверный логин или пароль.',
  'error.account_blocked': 'Личный кабинет заблокирован отделом образования.',
  'error.rate_limited': 'Слишком много попыток. Подождите минуту и повторите.',
  'error.server_busy': 'Сервер сейчас занят. Ничего не изменено — повторите через несколько секунд.',
  'error.account_locked':
    'Слишком много неверных паролей для этого входа. Повторите через 15 минут или обратитесь в отдел образования.',
  'error.network': 'Сервер недоступен. Проверьте соединение и повторите.',
  'error.session': 'Сеанс завершён. Войдите снова.',
  'error.unknown': 'Сервер отказал ({code}).',
  child: 'Ребёнок',
  birthDate: 'Дата рождения',
  iin: 'ИИН',
  instructionLanguage: 'Язык обучения',
  'lang.ru': 'русский',
  'lang.kk': 'казахский',
  queue: 'Очередь',
  'priority.out_of_turn': 'внеочередная',
  'priority.first': 'первоочередная',
  'priority.general': 'общая',
  appliedAt: 'Заявление подано',
  representative: 'Законный представитель',
  choices: 'Выбранные детские сады',
  referrals: 'Мои направления',
  noReferrals: 'Направлений пока нет.',
  referralNumber: 'Направление № {number}',
  'status.active': 'выдано, ждёт договора',
  'status.contracted': 'договор заключён',
  'status.enrolled': 'ребёнок зачислен',
  'status.refused': 'вы отказались',
  'status.declined': 'отклонено детским садом',
  'status.expired': 'срок договора истёк, место вернулось',
  'status.terminated': 'договор расторгнут',
  contractDeadline: 'Заключить договор до {time}',
  claimedAt: 'Получено {time}',
  placeFrom: 'Место с {date}',
  conclude: 'Заключить договор',
  refuse: 'Отказаться',
  confirmRefuse: 'Подтвердите отказ',
  offers: 'Места, открытые для вас сейчас',
  noOffers: 'Сейчас в выбранных детских садах нет опубликованных мест.',
  'phase.queue_window': 'Период очереди до {time}',
  'phase.open_to_all': 'Свободный доступ для всех',
  'phase.withdrawn': 'Публикация отозвана',
  inTurn: 'Ваша очередь подошла: получите направление до закрытия периода.',
  openToAllNote: 'Места открыты всем заявителям одновременно, без учёта очерёдности.',
  earlyBooking: 'Раннее бронирование: место освободится {date}, зачисление не раньше этой даты.',
  birthYear: 'Год рождения {year}',
  seatsLeft: 'Свободных мест: {count}',
  claim: 'Получить направление',
  left: 'осталось {time}',
  'workingDaysLeft.one': 'остался {count} рабочий день',
  'workingDaysLeft.few': 'осталось {count} рабочих дня',
  'workingDaysLeft.many': 'осталось {count} рабочих дней',
  'workingDaysLeft.other': 'осталось {count} рабочих дня',
  lastWorkingDay: 'последний день, осталось {time}',
  schedule: 'График летнего комплектования',
  scheduleNote: 'Утверждён отделом образования. Места освобождаются по графику; до указанной даты приём не ведётся.',
  scheduleAll: 'Весь город',
  scheduleMine: 'Для моего ребёнка',
  noSchedule: 'Утверждённых записей нет.',
  'col.kindergarten': 'Детский сад',
  'col.ageGroup': 'Возрастная группа',
  'col.birthYear': 'Год рождения',
  'col.language': 'Язык',
  'col.seats': 'Мест',
  'col.published': 'Опубликовано',
  'col.availableFrom': 'Место с',
  'age.early': 'ясельная',
  'age.junior': 'младшая',
  'age.middle': 'средняя',
  'age.senior': 'старшая',
  'age.preschool': 'предшкольная',
  claimed: 'Направление № {number} получено. Заключите договор до {time}.',
  concluded: 'Договор заключён.',
  refused: 'Вы отказались от направления; место вернулось в очередь.',
  'reason.account_blocked': 'Личный кабинет заблокирован.',
  'reason.already_has_referral': 'У ребёнка уже есть направление или договор.',
  'reason.kindergarten_not_chosen': 'Этот детский сад не выбран в заявлении.',
  'reason.wrong_language': 'Другой язык обучения: места в группе с языком «{required}».',
  'reason.wrong_birth_year': 'Места для детей {required} года рождения.',
  'reason.below_minimum_age': 'На {availableFrom} ребёнку будет {ageMonths} мес.; нужно не меньше {minimumAgeMonths}.',
  'reason.publication_withdrawn': 'Публикация отозвана.',
  'reason.no_seats_left': 'Свободных мест не осталось.',
  'reason.not_your_turn': 'Сейчас период очереди для тех, чья очередь подошла. Места откроются для всех после {time}.',
  'reason.referral_expired': 'Срок заключения договора истёк ({deadline}).',
  'reason.wrong_referral_status': 'Для направления в этом статусе действие недоступно.',
  'reason.not_found': 'Не найдено.',
  'reason.forbidden': 'Нет доступа.',
  'reason.other': 'Отказ: {code}.',
};

/** Kazakh: every key Russian has, less the plural forms Kazakh does not have (few, many). */
const kk: Catalogue = {
  title: 'Ата-ана порталы',
  demo: 'демонстрация',
  language: 'Бет тілі',
  signInTitle: 'Жеке кабинетке кіру',
  login: 'Логин',
  password: 'Құпиясөз',
  signIn: 'Кіру',
  signOut: 'Шығу',
  demoHint:
    'Демо қала: ата-аналар p0001, p0002, … логинімен, demo-parent құпиясөзімен кіреді. Жолдаманы өтініш берген заңды өкіл ғана ала алады; жеке кабинетке қолжетімділікті басқаға беруге тыйым салынады.',
  serverTime: 'Сервер уақыты (Петропавл)',
  refresh: 'Жаңарту',
  updatedAt: 'Жаңартылған уақыты: {time}',
  'error.invalid_credentials': 'Логин немесе құпиясөз қате.',
  'error.account_blocked': 'Жеке кабинетті білім бөлімі бұғаттаған.',
  'error.rate_limited': 'Әрекет тым көп. Бір минут күтіп, қайталаңыз.',
  'error.server_busy': 'Сервер қазір бос емес. Ештеңе өзгерген жоқ — бірнеше секундтан кейін қайталаңыз.',
  'error.account_locked':
    'Бұл логин үшін қате құпиясөз тым көп енгізілді. 15 минуттан кейін қайталаңыз немесе білім бөліміне хабарласыңыз.',
  'error.network': 'Сервер қолжетімсіз. Байланысты тексеріп, қайталаңыз.',
  'error.session': 'Сеанс аяқталды. Қайта кіріңіз.',
  'error.unknown': 'Сервер бас тартты ({code}).',
  child: 'Бала',
  birthDate: 'Туған күні',
  iin: 'ЖСН',
  instructionLanguage: 'Оқыту тілі',
  'lang.ru': 'орыс',
  'lang.kk': 'қазақ',
  queue: 'Кезек',
  'priority.out_of_turn': 'кезектен тыс',
  'priority.first': 'бірінші кезектегі',
  'priority.general': 'жалпы',
  appliedAt: 'Өтініш берілген уақыты',
  representative: 'Заңды өкіл',
  choices: 'Таңдалған балабақшалар',
  referrals: 'Менің жолдамаларым',
  noReferrals: 'Әзірге жолдама жоқ.',
  referralNumber: '№ {number} жолдама',
  'status.active': 'берілді, шартты күтуде',
  'status.contracted': 'шарт жасалды',
  'status.enrolled': 'бала қабылданды',
  'status.refused': 'сіз бас тарттыңыз',
  'status.declined': 'балабақша қабылдамады',
  'status.expired': 'шарт мерзімі өтті, орын қайтарылды',
  'status.terminated': 'шарт бұзылды',
  contractDeadline: 'Шарт жасау мерзімі: {time}',
  claimedAt: '{time} алынды',
  placeFrom: 'Орын {date} күнінен бастап',
  conclude: 'Шарт жасау',
  refuse: 'Бас тарту',
  confirmRefuse: 'Бас тартуды растаңыз',
  offers: 'Сізге қазір ашық орындар',
  noOffers: 'Таңдалған балабақшаларда қазір жарияланған орын жоқ.',
  'phase.queue_window': 'Кезек кезеңі, аяқталу уақыты: {time}',
  'phase.open_to_all': 'Барлығына ашық',
  'phase.withdrawn': 'Жарияланым кері қайтарылды',
  inTurn: 'Сіздің кезегіңіз келді: кезең жабылғанға дейін жолдама алыңыз.',
  openToAllNote: 'Орындар барлық өтініш берушілерге кезекке қарамастан бір мезгілде ашық.',
  earlyBooking: 'Ерте брондау: орын {date} күні босайды, қабылдау осы күннен ерте емес.',
  birthYear: '{year} туған жыл',
  seatsLeft: 'Бос орын: {count}',
  claim: 'Жолдама алу',
  left: '{time} қалды',
  'workingDaysLeft.one': '{count} жұмыс күні қалды',
  'workingDaysLeft.other': '{count} жұмыс күні қалды',
  lastWorkingDay: 'соңғы күн, {time} қалды',
  schedule: 'Жазғы жинақтау кестесі',
  scheduleNote: 'Білім бөлімі бекіткен. Орындар кесте бойынша босайды; көрсетілген күнге дейін қабылдау жүргізілмейді.',
  scheduleAll: 'Бүкіл қала',
  scheduleMine: 'Менің балама',
  noSchedule: 'Бекітілген жазба жоқ.',
  'col.kindergarten': 'Балабақша',
  'col.ageGroup': 'Жас тобы',
  'col.birthYear': 'Туған жылы',
  'col.language': 'Тілі',
  'col.seats': 'Орын',
  'col.published': 'Жарияланды',
  'col.availableFrom': 'Босау күні',
  'age.early': 'ерте жас',
  'age.junior': 'кіші',
  'age.middle': 'ортаңғы',
  'age.senior': 'ересек',
  'age.preschool': 'мектепалды',
  claimed: '№ {number} жолдама алынды. Шарт жасау мерзімі: {time}.',
  concluded: 'Шарт жасалды.',
  refused: 'Сіз жолдамадан бас тарттыңыз; орын кезекке қайтарылды.',
  'reason.account_blocked': 'Жеке кабинет бұғатталған.',
  'reason.already_has_referral': 'Балада жолдама немесе шарт бар.',
  'reason.kindergarten_not_chosen': 'Бұл балабақша өтініште таңдалмаған.',
  'reason.wrong_language': 'Оқыту тілі басқа: орындар «{required}» тілді топта.',
  'reason.wrong_birth_year': 'Орындар {required} жылы туған балаларға.',
  'reason.below_minimum_age': '{availableFrom} күні балаға {ageMonths} ай болады; кемінде {minimumAgeMonths} ай керек.',
  'reason.publication_withdrawn': 'Жарияланым кері қайтарылды.',
  'reason.no_seats_left': 'Бос орын қалмады.',
  'reason.not_your_turn':
    'Қазір — кезегі келгендерге арналған кезек кезеңі (аяқталу уақыты: {time}); одан кейін орындар барлығына ашылады.',
  'reason.referral_expired': 'Шарт жасау мерзімі өтті ({deadline}).',
  'reason.wrong_referral_status': 'Бұл мәртебедегі жолдамаға әрекет қолжетімсіз.',
  'reason.not_found': 'Табылмады.',
  'reason.forbidden': 'Қолжетімсіз.',
  'reason.other': 'Бас тарту: {code}.',
};

/** The page's catalogues (Russian and Kazakh), by key; plural forms as `key.one`, `key.few`, …. */
export const languages: Readonly<Record<Lang, Catalogue>> = { ru, kk };

/** A text in the language, its {name} placeholders filled; a key missing in Kazakh falls back to Russian. */
export function t(lang: Lang, key: string, params: Params = {}): string {
  const text = languages[lang][key] ?? languages.ru[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name: string) => (name in params ? String(params[name]) : `{${name}}`));
}

/** A text with a number: the form Intl.PluralRules picks for the language (ru: one/few/many/other; kk: one/other). */
export function tn(lang: Lang, key: string, count: number, params: Params = {}): string {
  const form = new Intl.PluralRules(lang).select(count);
  const chosen = `${key}.${form}` in languages[lang] ? `${key}.${form}` : `${key}.other`;
  return t(lang, chosen, { ...params, count });
}

/** A refusal as the server sends it: its code and the values its words need. */
export interface Rejection {
  code: string;
  params?: Params;
}

/** A refusal's code and params, in words; dates and instants among the params are formatted by `format`. */
export function reasonText(
  lang: Lang,
  rejection: Rejection,
  format: (key: string, value: unknown) => unknown = (_key, value) => value,
): string {
  const key = `reason.${rejection.code}`;
  const params = Object.fromEntries(Object.entries(rejection.params ?? {}).map(([k, v]) => [k, format(k, v)]));
  return key in languages.ru ? t(lang, key, params) : t(lang, 'reason.other', { code: rejection.code });
}
