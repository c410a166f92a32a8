"""Write correct translations of part of the bundled story into ja, ko, fr, de, ar, ru, yue, zh-Hant-HK.

Each catalog is started the way a desk starts one (``init_catalogs`` from the bundled template)
and given hand-written translations of the headline, the dateline's place, paragraphs 2 and 5 of
the article (names, an abbreviation, every kind of figure), paragraph 3 of the commentary and the
photo caption, written as each language's press writes them (decimal commas, 억 and 億, «», „“,
「」); every other entry stays untranslated. tests/test_languages_checked.py checks that none of
them gives an error-level finding.

Run from the repository root: ``python tests/data/languages/build.py``.
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

import polib

import newsbilingual as nb
from newsbilingual.catalog.powrap import format_pofile

HERE = Path(__file__).resolve().parent
ID = "mianyang-high-tech-service"
CONTEXTS = (
    "article/headline",
    "article/dateline/place",
    "article/organisation/boe/name",
    "article/body/p02",
    "article/body/p05",
    "commentary/body/p03",
    "photo/caption",
)
TRANSLATIONS = {
    "ja": (
        "「ハイテクサービス」がプロジェクトの始動を加速",
        "綿陽",
        "BOE",
        "実際、こうした常態化した「ゼロ距離」のコミュニケーションこそが、BOEプロジェクトに業界の2つの記録をもたらした。"
        "史上最短の戦略的環境アセスメント（SEA）と、国の政策の最速承認である。",
        "データによると、今年1月から11月までの高新区の固定資産投資は121.1億元で、18.3%増加した。"
        "うち工業投資は72.68億元で68.4%増、技術改造投資は71.73億元で64.9%増だった。"
        "プロジェクト推進の面では、省・市の重点プロジェクト15件が45.48億元の投資を完了し、時間進度を87.7ポイント上回った。"
        "プロジェクト誘致の面では、75件のプロジェクトを誘致し、投資協定額は169億元に達した。"
        "域内資金の到着額は95億元で、51.4%増加した。主要経済指標は市内の上位にある。",
        "総じて、「ハイテクサービス」は最前線での指揮、部門間の連携、ゼロ距離のサービスと行き届いた対応を実現した。",
        "綿陽のBOEプロジェクトの建設現場",
    ),
    "ko": (
        "“하이테크 서비스”가 프로젝트 안착을 앞당긴다",
        "몐양",
        "BOE",
        "사실 이처럼 일상화된 ‘제로 거리’ 소통이 있었기에 BOE 프로젝트는 업계에서 두 가지 기록을 세울 수 있었다. "
        "역대 가장 짧은 전략환경평가(SEA)와 국가 정책의 가장 빠른 승인이다.",
        "자료에 따르면 올해 1~11월 하이테크 구역의 고정자산 투자는 121억1천만 위안으로 18.3% 증가했다. "
        "이 가운데 산업 투자는 72억6천8백만 위안으로 68.4% 늘었고, "
        "기술 개조 투자는 71억7천3백만 위안으로 64.9% 늘었다. "
        "프로젝트 추진 면에서는 성·시 중점 프로젝트 15개가 45억4천8백만 위안의 투자를 마쳐 "
        "일정보다 87.7%포인트 앞섰다. "
        "프로젝트 유치 면에서는 75개 프로젝트를 유치해 169억 위안의 투자 협약을 이끌어냈고, "
        "국내 자금 95억 위안이 입금돼 51.4% 증가했다. 주요 경제 지표는 시에서 선두권이다.",
        "전반적으로 “하이테크 서비스”는 현장 지휘, 부서 간 협조, 제로 거리 서비스와 원스톱 처리를 실현했다.",
        "몐양 BOE 프로젝트 건설 현장",
    ),
    "fr": (
        "Le « service high-tech » accélère l’implantation des projets",
        "Mianyang",
        "BOE",
        "En fait, c’est cette communication devenue habituelle et « sans distance » qui a permis au projet BOE "
        "d’établir deux records dans le secteur : l’évaluation environnementale stratégique (EES) la plus courte "
        "de l’histoire et l’approbation la plus rapide au titre de la politique nationale.",
        "Selon les données, de janvier à novembre de cette année, l’investissement en actifs fixes dans la zone "
        "high-tech a atteint 12,11 milliards de yuans, en hausse de 18,3 %. L’investissement industriel a été de "
        "7,268 milliards de yuans, en hausse de 68,4 %, et l’investissement dans la rénovation technique de "
        "7,173 milliards de yuans, en hausse de 64,9 %. Côté avancement, les 15 projets clés de la province et de "
        "la ville ont réalisé 4,548 milliards de yuans d’investissement, soit 87,7 points de pourcentage d’avance "
        "sur le calendrier. Côté prospection, 75 projets ont été attirés et 16,9 milliards de yuans d’accords "
        "d’investissement signés ; 9,5 milliards de yuans de fonds nationaux ont été versés, en hausse de 51,4 %. "
        "Les principaux indicateurs économiques sont en tête de la ville.",
        "Dans l’ensemble, le « service high-tech » a permis le commandement sur le terrain, la coordination entre "
        "les services, un service sans distance et un accès facilité.",
        "Chantier du projet BOE à Mianyang",
    ),
    "de": (
        "Der „Hightech-Service“ beschleunigt die Ansiedlung von Projekten",
        "Mianyang",
        "BOE",
        "Tatsächlich war es genau diese alltäglich gewordene Kommunikation „auf null Distanz“, die dem BOE-Projekt "
        "zwei Rekorde in der Branche ermöglichte: die kürzeste strategische Umweltprüfung (SUP) der Geschichte und "
        "die schnellste Genehmigung nach der nationalen Politik.",
        "Den Daten zufolge beliefen sich die Anlageinvestitionen in der Hightech-Zone von Januar bis November dieses "
        "Jahres auf 12,11 Milliarden Yuan, ein Plus von 18,3 %. Davon entfielen 7,268 Milliarden Yuan auf "
        "Industrieinvestitionen, ein Plus von 68,4 %, und 7,173 Milliarden Yuan auf Investitionen in technische "
        "Modernisierung, ein Plus von 64,9 %. Bei der Umsetzung haben die 15 Schlüsselprojekte von Provinz und Stadt "
        "Investitionen von 4,548 Milliarden Yuan abgeschlossen und lagen damit 87,7 Prozentpunkte vor dem Zeitplan. "
        "Bei der Ansiedlung wurden 75 Projekte gewonnen und Investitionsvereinbarungen über 16,9 Milliarden Yuan "
        "geschlossen; 9,5 Milliarden Yuan inländisches Kapital sind eingegangen, ein Plus von 51,4 %. Die wichtigsten "
        "Wirtschaftskennzahlen liegen in der Stadt an der Spitze.",
        "Insgesamt hat der „Hightech-Service“ die Führung vor Ort, die Abstimmung zwischen den Behörden, Service auf "
        "null Distanz und leichte Erreichbarkeit verwirklicht.",
        "Baustelle des BOE-Projekts in Mianyang",
    ),
    "ar": (
        "«خدمة التكنولوجيا الفائقة» تسرّع إطلاق المشاريع",
        "ميانيانغ",
        "BOE",
        "في الواقع، إن هذا التواصل المنتظم «من دون مسافة» هو الذي مكّن مشروع BOE من تسجيل رقمين قياسيين في القطاع: "
        "أقصر تقييم بيئي استراتيجي (SEA) في التاريخ، وأسرع موافقة في إطار السياسة الوطنية.",
        "وأظهرت البيانات أن الاستثمار في الأصول الثابتة في منطقة التكنولوجيا الفائقة بلغ من يناير إلى نوفمبر من هذا "
        "العام 12.11 مليار يوان، بزيادة 18.3%. ومن ذلك بلغ الاستثمار الصناعي 7.268 مليار يوان بزيادة 68.4%، "
        "والاستثمار في التحديث التقني 7.173 مليار يوان بزيادة 64.9%. ومن حيث دفع المشاريع، أنجزت 15 مشروعًا رئيسيًا "
        "للمقاطعة والمدينة استثمارات بقيمة 4.548 مليار يوان، متقدمة على الجدول الزمني بـ87.7 نقطة مئوية. ومن حيث "
        "جذب المشاريع، تم استقطاب 75 مشروعًا وتوقيع اتفاقيات استثمار بقيمة 16.9 مليار يوان، ووصل 9.5 مليار يوان من "
        "الأموال المحلية بزيادة 51.4%. وتتصدر المؤشرات الاقتصادية الرئيسية المدينة.",
        "بشكل عام، حققت «خدمة التكنولوجيا الفائقة» القيادة الميدانية والتنسيق بين الإدارات والخدمة من دون مسافة "
        "وسهولة الوصول.",
        "موقع بناء مشروع BOE في ميانيانغ",
    ),
    "ru": (
        "«Высокотехнологичный сервис» ускоряет запуск проектов",
        "Мяньян",
        "BOE",
        "На самом деле именно такое постоянное общение «на нулевой дистанции» позволило проекту BOE установить два "
        "отраслевых рекорда: самую короткую в истории стратегическую экологическую оценку (СЭО) и самое быстрое "
        "одобрение в рамках национальной политики.",
        "По данным, с января по ноябрь этого года инвестиции в основной капитал в зоне высоких технологий составили "
        "12,11 млрд юаней, увеличившись на 18,3%. Из них промышленные инвестиции составили 7,268 млрд юаней "
        "(рост на 68,4%), инвестиции в техническую модернизацию — 7,173 млрд юаней (рост на 64,9%). Что касается "
        "реализации, 15 ключевых проектов провинции и города освоили инвестиции на 4,548 млрд юаней, опередив график "
        "на 87,7 процентного пункта. Что касается привлечения, привлечено 75 проектов и подписано инвестиционных "
        "соглашений на 16,9 млрд юаней; поступило 9,5 млрд юаней отечественных средств, рост на 51,4%. Основные "
        "экономические показатели — в числе лучших в городе.",
        "В целом «высокотехнологичный сервис» обеспечил руководство на передовой, координацию между ведомствами, "
        "обслуживание на нулевой дистанции и доступность.",
        "Строительная площадка проекта BOE в Мяньяне",
    ),
    "yue": (
        "「高新服務」幫項目快啲落地",
        "綿陽",
        "京東方",
        "其實，正正係呢種常態化、零距離嘅溝通，令京東方項目喺行業入面創咗兩個紀錄：史上最短嘅規劃環評（SEA），"
        "同埋最快嘅國家政策審批。",
        "數據顯示，今年1至11月，高新區固定資產投資121.1億元，增長18.3%。其中工業投資72.68億元，增長68.4%；"
        "技改投資71.73億元，增長64.9%。項目推進方面，15個省市重點項目完成投資45.48億元，超時間進度87.7個百分點。"
        "項目引進方面，引進咗75個項目，簽約投資169億元；到位國內資金95億元，增長51.4%。主要經濟指標喺全市前列。",
        "總括嚟講，「高新服務」做到咗前線指揮、部門協調、零距離服務同埋一站式辦理。",
        "綿陽京東方項目建設工地",
    ),
    "zh-Hant-HK": (
        "「高新服務」加快項目落地",
        "綿陽",
        "京東方",
        "事實上，正是這種常態化、零距離的溝通，讓京東方項目創造了兩項行業紀錄：史上最短的規劃環評（SEA）和最快的國家政策審批。",
        "數據顯示，今年1至11月，高新區固定資產投資121.1億元，增長18.3%。其中，工業投資72.68億元，增長68.4%；"
        "技改投資71.73億元，增長64.9%。從項目推進看，15個省市重點項目完成投資45.48億元，超時間進度87.7個百分點。"
        "從項目引進看，引進項目75個，簽約投資169億元；到位國內資金95億元，增長51.4%。主要經濟指標位居全市前列。",
        "總的來說，「高新服務」實現了前線指揮、部門協調、零距離服務和一站式辦理。",
        "綿陽京東方項目建設工地",
    ),
}


def build() -> None:
    now = datetime(2017, 12, 22, 19, tzinfo=timezone(timedelta(hours=8)))
    with tempfile.TemporaryDirectory() as folder:
        locales = Path(folder)
        shutil.copy(nb.locales_dir() / f"{ID}.pot", locales)
        for language, texts in TRANSLATIONS.items():
            [path] = nb.init_catalogs(locales, language, now=now, translator="newsbilingual tests")
            catalog = polib.pofile(str(path), wrapwidth=0)
            wanted = dict(zip(CONTEXTS, texts, strict=True))
            for entry in catalog:
                if entry.msgctxt in wanted:
                    entry.msgstr = wanted[entry.msgctxt]
            target = HERE / get_folder(language) / f"{ID}.po"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(format_pofile(catalog), "utf-8")


def get_folder(language: str) -> str:
    return nb.get_language(language).catalog_dir


if __name__ == "__main__":
    build()
