// Vocabularies: names, organisation units and roles, web and document topics, domain
// lists by category, file types with their magic-number headers.

export const FIRST_NAMES = `James Mary John Patricia Robert Jennifer Michael Linda William Elizabeth David Barbara
Richard Susan Joseph Jessica Thomas Sarah Charles Karen Christopher Nancy Daniel Lisa Matthew Margaret Anthony
Betty Mark Sandra Donald Ashley Steven Dorothy Paul Kimberly Andrew Emily Joshua Donna Kenneth Michelle Kevin
Carol Brian Amanda George Melissa Edward Deborah Ronald Stephanie Timothy Rebecca Jason Laura Jeffrey Sharon
Ryan Cynthia Jacob Kathleen Gary Amy Nicholas Shirley Eric Angela Jonathan Helen Stephen Anna Larry Brenda
Justin Pamela Scott Nicole Brandon Samantha Benjamin Katherine Samuel Emma Gregory Ruth Frank Christine
Alexander Catherine Raymond Debra Patrick Rachel Jack Carolyn Dennis Janet Jerry Virginia Tyler Maria Aaron
Heather Jose Diane Adam Julie Henry Joyce Nathan Victoria Douglas Kelly Zachary Christina Peter Lauren Kyle
Joan Walter Evelyn Ethan Olivia Jeremy Judith Harold Megan Keith Cheryl Christian Martha Roger Andrea Noah
Frances Gerald Hannah Carl Jacqueline Terry Ann Sean Gloria Austin Jean Arthur Kathryn Lawrence Alice Jesse
Teresa Dylan Sara Bryan Janice Joe Doris Jordan Madison Billy Julia Bruce Grace Albert Judy Willie Abigail
Gabriel Marie Logan Denise Alan Beverly Juan Amber Wayne Theresa Roy Marilyn Ralph Danielle Randy Diana
Eugene Brittany Vincent Natalie Russell Sophia Elijah Rose Louis Isabella Bobby Alexis Philip Kayla Johnny
Charlotte Calvin Ivy Hedda Quinn Ezra Uma Yolanda Xavier Zelda Oscar Ingrid Vera Wade Ulysses Yvette`.split(/\s+/);

export const LAST_NAMES = `Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez
Lopez Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez
Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams
Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Gomez Phillips Evans Turner Diaz Parker Cruz
Edwards Collins Reyes Stewart Morris Morales Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson
Bailey Reed Kelly Howard Ramos Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza
Ruiz Hughes Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry
Russell Sullivan Bell Coleman Butler Henderson Barnes Gonzales Fisher Vasquez Simmons Romero Jordan
Patterson Alexander Hamilton Graham Reynolds Griffin Wallace Moreno West Cole Hayes Bryant Herrera Gibson
Ellis Tran Medina Aguilar Stevens Murray Ford Castro Marshall Owens Harrison Fernandez McDonald Woods
Washington Kennedy Wells Vargas Henry Chen Freeman Webb Tucker Guzman Burns Crawford Olson Simpson Porter
Hunter Gordon Mendez Silva Shaw Snyder Mason Dixon Munoz Hunt Hicks Holmes Palmer Wagner Black Robertson
Boyd Rose Stone Salazar Fox Warren Mills Meyer Rice Schmidt Garza Daniels Ferguson Nichols Stephens Soto
Weaver Ryan Gardner Payne Grant Dunn Kelley Spencer Hawkins Arnold Pierce Vazquez Hansen Peters Santos
Hart Bradley Knight Elliott Cunningham Duncan Armstrong Hudson Carroll Lane Riley Andrews Alvarado Ray
Delgado Berry Perkins Hoffman Johnston Matthews Pena Richards Contreras Willis Carpenter Lawrence Sandoval
Rios Quinlan Ulrich Yates Zamora Oakley Irwin Vance Xiong Underwood Quintero Ybarra Zimmerman`.split(/\s+/);

/** Functional units with their departments and the roles of their staff (weights). */
export interface UnitSpec {
  name: string;
  weight: number;
  departments: string[];
  roles: [string, number][];
  /** Share of staff that mostly write email to people outside dtaa.com. */
  external: number;
  /** Email volume multiplier. */
  email: number;
}

export const FUNCTIONAL_UNITS: UnitSpec[] = [
  {
    name: 'SalesAndMarketing',
    weight: 0.24,
    departments: ['Sales', 'Marketing', 'CustomerService', 'Communications'],
    roles: [['Salesman', 6], ['MarketingSpecialist', 2], ['CustomerServiceRepresentative', 2], ['TechnicalWriter', 1]],
    external: 0.45,
    email: 1.5,
  },
  {
    name: 'Manufacturing',
    weight: 0.24,
    departments: ['Assembly', 'QualityControl', 'Maintenance', 'Shipping'],
    roles: [['ProductionLineWorker', 6], ['Technician', 2], ['Mechanic', 1], ['ElectricalEngineer', 1]],
    external: 0.1,
    email: 0.6,
  },
  {
    name: 'ResearchAndEngineering',
    weight: 0.2,
    departments: ['SoftwareManagement', 'Engineering', 'Research', 'Testing'],
    roles: [['ComputerProgrammer', 4], ['SoftwareEngineer', 3], ['Mathematician', 1], ['Scientist', 1], ['TestEngineer', 1]],
    external: 0.15,
    email: 1.0,
  },
  {
    name: 'Administration',
    weight: 0.12,
    departments: ['HumanResources', 'Legal', 'Facilities', 'Security'],
    roles: [['AdministrativeAssistant', 3], ['HumanResourceSpecialist', 2], ['Attorney', 1], ['SecurityGuard', 1], ['Receptionist', 1]],
    external: 0.25,
    email: 1.2,
  },
  {
    name: 'Finance',
    weight: 0.1,
    departments: ['Accounting', 'Payroll', 'Purchasing'],
    roles: [['Accountant', 3], ['FinancialAnalyst', 2], ['Purchaser', 1]],
    external: 0.3,
    email: 1.1,
  },
  {
    name: 'InformationTechnology',
    weight: 0.1,
    departments: ['ITOperations', 'Networking', 'HelpDesk'],
    roles: [['ITAdmin', 1]],
    external: 0.1,
    email: 1.0,
  },
];

export const IT_UNIT = 'InformationTechnology';

export const PROJECTS = Array.from({ length: 40 }, (_, i) => `Project ${i + 1}`);

/** Web and document topics: the words of URLs and of keyword contents. */
export const TOPICS: Record<string, string[]> = {
  sports: 'football baseball basketball hockey soccer league playoff season coach team score stadium championship tournament quarterback pitcher referee draft roster injury fans'.split(' '),
  news: 'president congress election senate economy report government policy vote campaign budget governor minister crisis summit debate reform headline press announcement'.split(' '),
  finance: 'stock market shares investor dividend portfolio bond interest rate earnings quarterly revenue profit nasdaq index fund hedge mortgage bank loan credit'.split(' '),
  technology: 'software hardware computer laptop processor network server cloud database internet wireless smartphone device gadget chip memory storage upgrade release beta'.split(' '),
  programming: 'java python compiler function variable algorithm debug repository library framework module thread exception class interface syntax runtime kernel script code'.split(' '),
  engineering: 'design prototype specification tolerance assembly circuit sensor voltage torque material stress component drawing cad simulation testing calibration schematic load beam'.split(' '),
  manufacturing: 'production line shift inventory supplier quality inspection defect batch machine maintenance throughput warehouse forklift order shipment pallet tooling yield safety'.split(' '),
  sales: 'customer client quote proposal contract deal discount pricing territory pipeline forecast commission account lead prospect meeting order invoice renewal target'.split(' '),
  marketing: 'brand campaign advertising promotion audience social media launch survey segment press release newsletter webinar slogan logo event booth sponsor reach'.split(' '),
  health: 'doctor nurse hospital patient medicine vaccine diet fitness exercise nutrition symptom treatment clinic insurance flu allergy therapy wellness sleep vitamin'.split(' '),
  travel: 'flight airline hotel vacation resort beach cruise booking passport airport luggage itinerary destination tour rental island mountain museum ticket reservation'.split(' '),
  food: 'recipe restaurant chef kitchen dinner lunch breakfast pizza pasta salad dessert coffee wine cheese bakery grill menu ingredients organic spicy'.split(' '),
  entertainment: 'movie film actor actress director trailer premiere music album concert singer band television series episode celebrity award comedy drama theater'.split(' '),
  shopping: 'sale discount coupon shipping cart checkout deal retail store outlet fashion shoes clothing electronics furniture gift review price bargain catalog'.split(' '),
  science: 'research experiment laboratory physics chemistry biology genome telescope planet climate energy particle molecule theory discovery journal scientist data fossil'.split(' '),
  education: 'school university college student teacher course degree lecture exam tuition scholarship campus library homework graduate semester online class curriculum'.split(' '),
  weather: 'forecast storm rain snow temperature hurricane tornado sunny cloudy wind humidity radar warning flood drought heat cold front pressure'.split(' '),
  automotive: 'car truck engine dealer mileage hybrid sedan tire brake transmission recall motor garage repair lease model horsepower fuel suv'.split(' '),
  realestate: 'house home apartment rent mortgage listing realtor property neighborhood bedroom kitchen renovation lease condo market appraisal closing buyer seller'.split(' '),
  games: 'game console player level quest strategy puzzle arcade multiplayer online score achievement controller character guild raid patch server download'.split(' '),
  hr: 'benefits payroll vacation policy training review performance hiring interview onboarding compensation retirement insurance leave overtime schedule holiday handbook promotion'.split(' '),
  legal: 'contract agreement clause liability compliance regulation lawsuit court attorney patent trademark license confidential dispute settlement counsel filing statute audit'.split(' '),
  security: 'password firewall antivirus malware phishing encryption access badge audit vulnerability patch incident breach credential authentication token monitoring alarm camera'.split(' '),
  family: 'kids children parents wedding birthday baby school holiday vacation pets dog cat garden recipe photos anniversary grandparents party family weekend'.split(' '),
};

export const TOPIC_NAMES = Object.keys(TOPICS);

/** Work topics by functional unit, used for document and email keywords. */
export const WORK_TOPICS: Record<string, string[]> = {
  SalesAndMarketing: ['sales', 'marketing', 'finance'],
  Manufacturing: ['manufacturing', 'engineering', 'security'],
  ResearchAndEngineering: ['programming', 'engineering', 'technology', 'science'],
  Administration: ['hr', 'legal', 'security'],
  Finance: ['finance', 'legal', 'sales'],
  InformationTechnology: ['technology', 'security', 'programming'],
};

/** Well-known sites visited across topics. */
export const COMMON_DOMAINS = ['google.com', 'yahoo.com', 'msn.com', 'bing.com', 'aol.com', 'wikipedia.org', 'ask.com', 'about.com', 'ebay.com', 'amazon.com', 'cnn.com', 'weather.com'];

/** Sites by category: these are the lists feature extractors key on. */
export const DOMAIN_CATEGORIES = {
  job: ['monster.com', 'careerbuilder.com', 'indeed.com', 'simplyhired.com', 'jobhuntersbible.com', 'job-hunt.org', 'hotjobs.yahoo.com', 'craigslist.org', 'usajobs.gov'],
  competitor: ['lockheedmartin.com', 'raytheon.com', 'northropgrumman.com', 'boeing.com', 'generaldynamics.com', 'baesystems.com'],
  cloud: ['dropbox.com', 'box.com', 'drive.google.com', 'onedrive.live.com', 'mediafire.com', 'sendspace.com'],
  leak: ['wikileaks.org'],
  hacking: ['actualkeylogger.com', 'keylogpro.com', 'refog.com', 'spectorsoft.com', 'hackforums.net', 'elitekeyloggers.com', 'wellresearchedreviews.com'],
  social: ['facebook.com', 'twitter.com', 'linkedin.com', 'myspace.com', 'youtube.com', 'flickr.com', 'tumblr.com'],
} as const;

export type DomainCategory = keyof typeof DOMAIN_CATEGORIES;

/** Words for the category sites' URLs and page contents. */
export const CATEGORY_WORDS: Record<DomainCategory, string[]> = {
  job: 'job jobs career careers resume apply application hiring opening position salary employer recruiter interview search opportunity vacancy benefits relocation offer candidate'.split(' '),
  competitor: 'careers engineering openings position apply defense systems program contract clearance employment benefits relocation talent team hiring'.split(' '),
  cloud: 'upload download share folder sync files storage account login documents backup public link space photos'.split(' '),
  leak: 'leak leaks submit document documents secret classified cable disclosure source anonymous whistleblower drop release archive'.split(' '),
  hacking: 'keylogger keystroke logger spy monitor stealth capture password record remote invisible download install software hidden screenshot'.split(' '),
  social: 'profile friends photos status update wall post comment like share follow message group event video network page'.split(' '),
};

/** Words of the alarming mass email of scenario 3. */
export const ALARM_WORDS = 'urgent layoffs closing company bankrupt warning everyone fired immediately management lies investigation fraud lawsuit shutdown panic announce confidential terminated losses'.split(' ');

/** Words of r6.x page contents that carry a comma (so that field needs quoting). */
export const COMMA_PHRASES = ['however, the', 'in addition, we', 'for example, this', 'as a result, our', 'meanwhile, the', 'finally, please'];

export const PERSONAL_EMAIL_DOMAINS = ['gmail.com', 'yahoo.com', 'hotmail.com', 'aol.com', 'comcast.net', 'verizon.net', 'msn.com', 'earthlink.net', 'cox.net', 'juno.com'];

export const BUSINESS_EMAIL_DOMAINS = ['harris.com', 'acme.com', 'globex.com', 'initech.com', 'umbrella.com', 'vandelay.com', 'hooli.com', 'wayne.com', 'stark.com', 'cyberdyne.com', 'soylent.com', 'tyrell.com', 'gringotts.com', 'monarch.com', 'dunder.com'];

export { COMPANY_DOMAIN } from '../format/index.js';

/** File types: extension, magic-number header written at the start of contents, weight. */
export const FILE_TYPES: { ext: string; header: string; weight: number; kind: 'doc' | 'pdf' | 'text' | 'image' | 'compressed' | 'exe' }[] = [
  { ext: 'doc', header: 'D0-CF-11-E0-A1-B1-1A-E1', weight: 30, kind: 'doc' },
  { ext: 'docx', header: '50-4B-03-04-14-00-06-00', weight: 8, kind: 'doc' },
  { ext: 'xls', header: 'D0-CF-11-E0-A1-B1-1A-E1', weight: 6, kind: 'doc' },
  { ext: 'ppt', header: 'D0-CF-11-E0-A1-B1-1A-E1', weight: 4, kind: 'doc' },
  { ext: 'pdf', header: '25-50-44-46-2D', weight: 18, kind: 'pdf' },
  { ext: 'txt', header: '', weight: 12, kind: 'text' },
  { ext: 'jpg', header: 'FF-D8-FF-E0', weight: 10, kind: 'image' },
  { ext: 'zip', header: '50-4B-03-04', weight: 8, kind: 'compressed' },
  { ext: 'exe', header: '4D-5A', weight: 4, kind: 'exe' },
];

export const URL_SUFFIXES = ['htm', 'html', 'php', 'asp', 'aspx', 'jsp'];

/** Syllables for the mostly random domain names of ordinary sites. */
export const SYLLABLES = 'ab ac al an ar as at ba be bi bo bu ca ce ci co cu da de di do du el en er es fa fe fi fo ga ge go gu ha he hi ho in is ja jo ka ke ki ko la le li lo lu ma me mi mo mu na ne ni no nu or pa pe pi po pu ra re ri ro ru sa se si so su ta te ti to tu ul un ur va ve vi vo wa we wi ya yo za ze zo'.split(' ');

export const TLDS = ['com', 'com', 'com', 'com', 'net', 'org', 'info', 'biz', 'us'];
