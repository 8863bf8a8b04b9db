"""Compare lingua and langid (restricted to en/ru/kk) on the dev articles, their first
sentences, and short en/ru/kk sentences written by the team. Run on demand:

    .venv/bin/python benchmarks/language_id.py [SHARED_DIR]

Prints accuracy and milliseconds per text for each detector and set.
"""
import pathlib
import re
import sys
import time

from lingua import Language, LanguageDetectorBuilder
import langid
samples = []
SHARED = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2] / 'shared'
for p in sorted((SHARED / 'dev' / 'articles').glob('*.txt')):
    t = p.read_text()
    samples.append((p.name[:2], t))
kk = ["Білім және ғылым министрлігі жаңа мектептердің құрылысы туралы хабарлады.",
 "Түркістан облысында биыл 34 мектеп салынды, оның ішінде жайлы мектеп жобасы бойынша.",
 "Оқушылар мен мұғалімдер жаңа оқу жылына дайындалып жатыр.",
 "Біртұтас тәрбие бағдарламасы барлық мектептерде жүзеге асырылуда.",
 "Министр Ғани Бейсембаев ата-аналармен кездесті.",
 "Қазақстан Республикасы Оқу-ағарту министрлігінің баспасөз қызметі мәлімдеді.",]
ru_short = ["В Туркестанской области открыли 34 школы.", "Министр просвещения провел совещание.", "Более 500 детей получили путевки.", "Аким города посетил новую школу.", "Планируется открыть еще 33 школы."]
en_short = ["The Minister met teachers in Almaty.", "Two new schools opened today.", "More than 500 parents took part.", "The akim visited the new kindergarten.", "Free meals for 1.7 million students."]
shorts = [("kk",t) for t in kk]+[("ru",t) for t in ru_short]+[("en",t) for t in en_short]
# first sentences of the articles
sents=[]
for l,t in samples:
    for s in re.split(r'(?<=[.!?])\s+', t)[:6]:
        if len(s)>20: sents.append((l,s))
det = LanguageDetectorBuilder.from_languages(Language.ENGLISH, Language.RUSSIAN, Language.KAZAKH).build()
langid.set_languages(['en','ru','kk'])
code={Language.ENGLISH:'en',Language.RUSSIAN:'ru',Language.KAZAKH:'kk'}
for name,data in [('articles',samples),('sentences',sents),('short+kk',shorts)]:
    for tool in ['lingua','langid']:
        t0=time.perf_counter(); ok=0
        for l,t in data:
            if tool=='lingua':
                vals=det.compute_language_confidence_values(t); p=code[vals[0].language]
            else:
                p=langid.classify(t)[0]
            ok+= p==l
        print(name, tool, f"{ok}/{len(data)}", f"{(time.perf_counter()-t0)*1000/len(data):.2f} ms/text")
