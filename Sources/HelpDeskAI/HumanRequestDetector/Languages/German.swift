extension HumanRequestDetector.LanguageTable {
    static let german = Self(
        code: "de",
        verbFinal: true,
        people: """
            mensch, menschen, echter mensch, echten menschen, mitarbeiter, mitarbeiterin, mitarbeitern, \
            servicemitarbeiter, servicemitarbeiterin, supportmitarbeiter, supportmitarbeiterin, kundenberater, \
            kundenberaterin, berater, beraterin, kundenbetreuer, kundenbetreuerin, betreuer, betreuerin, \
            kundendienst, kundenservice, kunden service, ansprechpartner, ansprechpartnerin, sachbearbeiter, \
            sachbearbeiterin, person, echte person, agent, agentin, operator, supervisor, vorgesetzten, \
            vorgesetzter, chef, chefin, verantwortlichen, zustandigen, zustandige, techniker, technikerin, \
            servicedesk, support team, supportteam, serviceteam, team, kollegen, kollegin, \
            kollege, kolleginnen, teammitglied, mitglied des teams, servicekraft, fachmann, fachfrau, \
            spezialist, spezialistin, spezialisten, experte, experten, expertin, fachkraft, ingenieur, \
            servicetechniker, fachberater, fachberaterin, personliche beratung, persoenliche beratung, \
            wen echten, wen echtes, wen richtigen, wen richtiges, \
            teamleiter, teamleiterin, teamlead, schichtleiter, abteilungsleiter, abteilungsleiterin, \
            betrugsabteilung, reklamationsabteilung, beschwerdeabteilung, schadenabteilung, \
            sachbearbeiter fur schaden, \
            direktor, direktorin, leiter, leiterin, second level support, second level, vorgesetzten, vorgesetzter
            """,
        peoplePlural: """
            personen, agenten, personal, leute, berater, menschen, kollegen, kolleginnen, ansprechpartner, \
            mitarbeitenden, experten, \
            spezialisten, techniker, fachleute
            """,
        somebody: """
            jemand, jemanden, jemandem, jmd, jmdn, irgendjemand, irgendjemanden, irgendjemandem, irgendwer, wer, \
            einer von euch, einer von ihnen, einen von euch, einen von ihnen, \
            opper, opperem, opperen, oaner, oana
            """,
        nobody: "niemand, niemanden, niemandem, keiner",
        bots: """
            bot, bots, chatbot, roboter, robot, maschine, computer, ki, kunstliche intelligenz, automat, \
            programm, virtueller assistent, virtuellen assistenten, assistent, sprachassistent
            """,
        talkVerbs: """
            sprechen, reden, chatten, schreiben, telefonieren, verbinden, verbunden, weiterleiten, weitergeleitet, \
            weiterverbinden, weiterverbunden, durchstellen, durchgestellt, erreichen, kontaktieren, unterhalten, \
            verbinden sie mich, verbinde mich, verbindet mich, leiten sie mich weiter, leite mich weiter, stellen \
            sie mich durch, stell mich durch, stellen sie mich bitte durch, leiten sie mich bitte weiter, zu tun \
            haben, in kontakt treten, kontakt aufnehmen, sprechen mit, reden mit, in verbindung setzen, in kontakt \
            bringen, in verbindung bringen, ubergeben, uebergeben, weitergeben, \
            beraten werden, bedient werden, betreut werden, geholfen werden, zuruckgerufen werden, zurueckgerufen \
            werden, angerufen werden, kontaktiert werden, weitergeleitet werden, verbunden werden, bekommen, \
            kriegen, holen, herholen, rufen, \
            zuruckrufen lassen, zurueckrufen lassen, anrufen lassen, \
            ran, heran, abgeben, \
            rede, schwatze, schwatzen, plaudern, telefoniere, \
            weiterleitung, weitergabe, ruckruf von, rueckruf von, einen ruckruf von, einen rueckruf von, \
            anruf von, einen anruf von, \
            gepruft von, geprueft von, angesehen von
            """,
        wantVerbs: """
            mochte, moechte, mochten, moechten, will, wollen, wurde gerne, wurde gern, wuerde gerne, hatte gerne, \
            hatte gern, haette gerne, brauche, brauchen, benotige, benoetige, benotigen, verlange, verlangen, \
            fordere, bitte um, ich bitte um, wunsche, wuensche, kann ich, konnte ich, koennte ich, darf ich, \
            gib mir, geben sie mir, gebt mir, hol mir, holen sie mir, holen sie, her mit, suche, ich suche, \
            will ich, mochte ich, hatte ich gerne, \
            lieber, bitte einen, bitte eine, \
            holt mir, holst du mir, hol mal, \
            bitten, \
            vereinbaren, ausmachen, \
            brauchte, braeuchte, \
            gib ma, gib mer, geht das, geht das auch, geht es auch, chonnt ich, chan ich, chond sie, hatt gern, \
            hett gern, i hatt gern, \
            schicken sie, schicken sie mir, schick mir, schickt mir, ware es moglich, waere es moeglich, \
            ware es moglich dass, \
            ware nett wenn, waere nett wenn, ware schon wenn, waere schoen wenn, ware gut wenn, waere gut wenn, geben
            """,
        transferAlone: """
            verbinden sie mich, verbinde mich, verbindet mich, stellen sie mich durch, stell mich durch, \
            leiten sie mich weiter, leite mich weiter, mich weiterleiten, mich bitte weiterleiten, \
            mich durchstellen, mich bitte durchstellen, mich verbinden, mich bitte verbinden, \
            mich weiterverbinden, mich bitte weiterverbinden, eskalieren, eskalieren sie, bitte eskalieren, \
            stellen sie mich bitte durch, stell mich bitte durch, leiten sie mich bitte weiter, \
            verbinden sie mich bitte, \
            bitte verbinden, bitte weiterleiten, bitte durchstellen
            """,
        strongPhrases: """
            mit wem kann ich sprechen, mit wem kann ich reden, an wen kann ich mich wenden, an wen wende ich mich, \
            mit wem spreche ich am besten
            """,
        glue: """
            einem, einer, einen, ein, eine, dem, der, den, die, das, zum, zur, bitte, gerne, gern, jetzt, \
            sofort, direkt, mal, doch, endlich, schnell, ihrem, ihren, ihrer, eurem, euren, eurer, aus, \
            mal eben, noch, am telefon, telefonisch, hilfe, irgendeinem, irgendeinen, anderen, anderem, \
            anderer, nen, n, echt, ihnen, dir, euch, persoenlich, personlich, live, endlich mal, einfach, \
            auch, uberhaupt, ueberhaupt, vielleicht, bei ihnen, bei euch, bei dir, \
            sich, ruckruf, rueckruf, anruf, kurz, gleich, \
            an der strippe, an die strippe, an der leitung, ans telefon, \
            beratung, termin, einen termin, gesprach, gespraech, kontakt, sie, \
            gesprachstermin, beratungstermin, beratungsgesprach, telefontermin, ruckrufbitte, \
            ihr, ihrem team, nem, ner, vo, vo de, de, \
            mein, meine, meinen, meinem, meiner, \
            ne, deinem, deinen, deiner, dein, deine
            """,
        linkers: "mit, mir, mich, zu, an, von, vom, uns, mit dem, mit der, durch",
        realAdjectives: """
            echten, echter, echtem, echte, richtigen, richtiger, richtigem, richtige, realen, realer, \
            lebendigen, lebenden, menschlichen, menschlicher, menschliche, menschlichem, wirklichen, \
            wirklicher, aus fleisch und blut, \
            echtes, richtiges, reales, lebendiges, menschliches, wirkliches
            """,
        auxiliaries: """
            ich, will, mochte, muss, soll, kann, werden, wurde, mehr, bitte, gerne, gern, zu, wir, ist, sind, \
            haben
            """,
        negations: """
            nicht, nie, niemals, ohne, kein bedarf, keinen bedarf, nicht notig, nicht noetig, nicht notwendig, \
            nicht erforderlich, muss ich, musste ich, keine lust, keinen bock, habe genug von, satt
            """,
        negativeDeterminers: "kein, keine, keinen, keinem, keiner, keines",
        raisingNegations: "glaube nicht, denke nicht",
        aboutBot: """
            bist du, sind sie, seid ihr, bin ich, spreche ich, rede ich, chatte ich, schreibe ich, ist das, \
            ist dies, du bist, sie sind, handelt es sich um, ich bin, bist du etwa, sind sie etwa
            """,
        aboutBotGlue: """
            ein, eine, einem, einer, einen, echter, echte, echtes, echt, wirklich, etwa, nur, gerade, hier, mit, \
            oder, am, nen, n, noch, denn, gerade mit, tatsachlich, vielleicht
            """,
        existential: """
            gibt es, gibts, gibt s, ist da, ist hier, sind da, sind hier, wo ist, wo sind, wo bleibt, \
            haben sie, habt ihr, hat hier, ist noch, ist denn, ist uberhaupt, gibt es da, gibt es hier
            """,
        presence: """
            da, hier, online, verfugbar, erreichbar, anwesend, am apparat, zu erreichen, \
            frei, gerade frei
            """,
        modals: """
            kann, kannst, konnte, konnten, konnen, koennte, wurde, \
            muss, musste, muesste, sollte
            """,
        helpVerbs: """
                helfen, weiterhelfen, weiter helfen, unterstutzen, kummern, antworten, kummert, kuemmert, \
                klaren, klaeren, losen, loesen, regeln
            """,
        callbackVerbs: """
            anrufen, zuruckrufen, zurueckrufen, mich anrufen, mich zuruckrufen, \
            melden, bei mir melden, sich melden, sich bei mir melden, mich kontaktieren, meldet, anruft, zuruckruft, \
            zurueckruft, kontaktiert, \
            vorbeikommen, vorbeischauen, rauskommen, herkommen, vorbeikommt, \
            mir mailen, mir eine mail schicken, mir schreiben
            """,
        reviewVerbs: """
            anschauen, ansehen, draufschauen, prufen, pruefen, uberprufen, ueberpruefen, kummern, kuemmern, \
            bearbeiten, \
            anschaut, ansieht
            """,
        recruiting: """
            offene stelle, freie stelle, stellenangebot, stellenanzeige, bewerbung, bewerben, bewerbe, lebenslauf, \
            praktikum, vorstellungsgesprach, jobangebot
            """,
        complementizers: """
                dass, \
            ware nett wenn, waere nett wenn, ware schon wenn, waere schoen wenn, ware gut wenn, waere gut wenn, \
            wenn
            """,
        aboutTheService: """
            wie funktioniert, wie lauft, wie laeuft, gleichzeitig, telefonnummer, rufnummer, \
            widget, chat widget, \
            den man, die man
            """,
        how: "wie",
        channels: "per telefon, per e mail, per mail, per email, telefonisch, am telefon",
        products: """
                plattform, software, ihre software, tool, produkt, losung, loesung, \
                system, unser system
            """,
        hours: "bis wann, offnungszeiten, oeffnungszeiten, um wie viel uhr, wann offnet, geschaftszeiten",
        here: "hier",
        otherSenses: """
            pro person, je person, person pro, juristische person, naturliche person, meine mitarbeiter, \
            meinen mitarbeitern, meinem mitarbeiter, meinen mitarbeiter, unsere mitarbeiter, \
            unseren mitarbeitern, unserem mitarbeiter, unser personal, mein personal, mein team, unser team, \
            meinem team, unserem team, mein chef, meinem chef, meinen chef, mein berater, ki agent, ki agenten, \
            menschlicher fehler, pro mitarbeiter, je mitarbeiter, \
            mein kollege, meine kollegin, meine kollegen, meinem kollegen, \
            personlich vorbeikommen, persoenlich vorbeikommen, personlich abholen, persoenlich abholen, \
            meinen kollegen, meiner kollegin
            """,
        notAPersonBefore: """
            mehr, weitere, weiteren, weiterer, zusatzliche, zusatzlichen, zusatzlicher, neue, neuen, neuer, \
            viele, wieviele, wie viele, mehrere, ki, virtuellen, virtueller, jeden, jede, jeder, pro, je, \
            max, maximal, unbegrenzt, unbegrenzte, \
            unsere, unserer, unseren, unserem
            """,
        notAPersonAfter: """
            lizenz, lizenzen, konto, konten, zugang, zugange, rolle, rollen, rechte, limit, limits, anzahl, \
            platze, platz, einstellungen, fehler, account, accounts, zugriff, profil, login, verwaltung
            """,
        elseWords: "anderes, anderem, anderen, sonst",
        contrast: "sondern, aber, stattdessen, lieber, sondern mit",
        when: "wann, ab wann, bis wann, um wie viel uhr, wie lange, offnungszeiten, oeffnungszeiten",
        why: "warum, wieso, weshalb, weswegen",
        relatives: "der, die, das, welcher, welche, welches, wo, mit dem, mit der, den",
        fillers: """
            bitte, bitte bitte, jetzt, sofort, jetzt sofort, schnell, danke, hallo, hi, hey, ok, okay, ja, \
            stopp, stop, hilfe, dringend, endlich, sofort bitte, mal, einfach, nur, nochmal, nochmals, her, \
            verdammt, mensch, also, gut, bitteschon, schon, halt, \
            ware schon, ware nett, ware toll, ware super, ware gut, waere schoen, waere nett, ware prima, ware, \
            waere, \
            dazu, hinzu, \
            am besten, am liebsten, idealerweise, vorzugsweise, moglichst, moeglichst, wenn moglich, \
            heast, gruezi, gruessech, servus, es ist dringend, ist dringend, dringend, \
            vorbei
            """,
        objects:
            """
            das, es, mich, mein anliegen, meinen fall, den fall, das ticket, mein ticket, das bitte, dies, \
            das gesprach, das gespraech, den chat, die unterhaltung, die anfrage, \
            mein anliegen, anliegen, meine anfrage, meinen fall, mein fall, die sache, meine reklamation, \
            meine beschwerde, \
            meines anliegens, meiner anfrage, meiner beschwerde, meines falls, meiner reklamation, meine anfrage
            """,
        interjections: "mensch",
        discussVerbs: "besprechen, klaren, sprechen, reden",
        topics: "fur, fuer, uber, ueber, wegen, bezuglich, bei, zu meinem, zu meiner, zum thema",
        takeOverVerbs: "ubernehmen, uebernehmen, das ubernehmen, einspringen, ubernimmt",
        origins: "von, vom, aus, bei, beim, im",
        organizations: """
            support, kundendienst, kundenservice, service, team, supportteam, serviceteam, hotline, firma, \
            unternehmen, abteilung, personal, helpdesk, technik, buchhaltung, vertrieb, fachabteilung, \
            rechnungsabteilung, kundenbetreuung, technischer support, technischen support, reklamationsabteilung, \
            retourenabteilung, beschwerdestelle, kundensupport, technik abteilung, \
            technische abteilung, technischen abteilung, technischer dienst, technischen dienst, \
            it abteilung, \
            kundeberatig, kundenberatung, vertrieb, verkauf, rechnungsabteilung, abrechnung, finanzabteilung, \
            buchhaltung, kundendienst, kundeservice, ihr team, euer team, fachabteilung, reklamationsabteilung, \
            hotline, servicehotline, kundenhotline, \
            sekretariat, empfang, rezeption, hausverwaltung, burgeramt, buergeramt
            """,
        qualifiables: "assistent, assistenten, assistentin, gegenuber, helfer, helferin",
        comparisons: "als, statt, anstatt, anstelle, im vergleich zu",
        separableStems: """
            stellen sie mich, stell mich, stellt mich, stellst du mich, leiten sie mich, leite mich, \
            leitet mich, leitest du mich, geben sie mich, gib mich, gebt mich, schalten sie mich, schalte mich, \
            verbinden sie mich, verbinde mich, \
            leiten sie, leite, leitet, geben sie, gib, gebt
            """,
        separableParticles: "durch, weiter",
        humanNouns: "mensch, menschen, echter mensch, echten menschen, echte person",
        oneOf: """
            einer ihrer, einen ihrer, einem ihrer, eine ihrer, einer eurer, einen eurer, einem eurer, eine eurer, \
            einer der, einen der, einem der
            """,
        only: "nur, einzig, allein",
        modelVetoes: """
            schon, bereits, gestern, letzte woche, geld, uberweisen, ueberweisen, uberweisung, ueberweisung, \
            hinzufugen, hinzufuegen, einladen, entfernen, \
                uberweisen von
            """,
        knownWords: """
            ballen, benotigte, benotigten, beraten, beratern, besprochen, bestechen, betreuen, bosco, brachen, \
            brauchte, brauchten, bruche, bullen, came, cham, collage, college, constant, datei, derivate, eifer, \
            elder, elfer, errechnen, erreichten, errichten, ewige, forderer, forderte, gene, genre, \
            grimme, helfern, heller, herrchen, herrlichen, herrschen, karen, karo, klagen, kolleg, laute, leber, \
            liber, lieder, machte, machten, menden, mitarbeiten, operative, paar, parker, parsons, passage, paten, \
            pisser, pragen, pragten, prufer, raute, referate, reference, reich, reprasentative, roden, rote, rouge, \
            rute, sache, sche, scheiben, scheinen, scherben, schieben, schrauben, schreien, schrein, schreiten, \
            schrieben, serge, seuche, sprachen, spruchen, stoff, straff, stuff, suchte, \
            superior, techniken, ubergehen, uberleben, verbanden, verbundene, vergangen, verhangen, verhindern, \
            verklagen, verkunden, verlage, verlagen, verlagern, verlangern, verlangte, verlangten, verlegen, \
            verlogen, volvo, vorfinden, vorlagen, weitergehen, weiterleben, weiterzugeben, wellen, wolken, wunschte, \
            zustande, zustanden
            """
    )
}
