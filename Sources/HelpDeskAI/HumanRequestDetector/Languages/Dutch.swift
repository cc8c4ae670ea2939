extension HumanRequestDetector.LanguageTable {
    static let dutch = Self(
        code: "nl",
        verbFinal: true,
        people: """
            medewerker, medewerkster, mens, echt mens, echte mens, persoon, echte persoon, echt persoon, \
            agent, operator, vertegenwoordiger, klantenservice, klantendienst, klantenservicemedewerker, \
            servicemedewerker, adviseur, consulent, supervisor, leidinggevende, manager, menselijke medewerker, \
            helpdesk, levend persoon, collega, contactpersoon, behandelaar, servicedesk, support team, \
            teamlid, lid van het team, \
            iemand van jullie, iemand van u, lid van, \
            baas, \
            specialist, expert, deskundige, technicus, monteur, consultant, \
            monteur, technieker, servicemonteur, adviseur, live agent, \
            teamleider, teamleidster, teamlead, afdelingshoofd, leidinggevende, \
            klachtenafdeling, fraudeafdeling, reclamatieafdeling, schadeafdeling, accountmanager, \
            directeur, directrice, tweede lijn, tweedelijns support, tweedelijnsondersteuning
            """,
        peoplePlural: """
            mensen, medewerkers, personen, agenten, collega s, collegas, medewerkers, adviseurs, specialisten, \
            experts, technici, monteurs, \
            monteurs, technici, adviseurs
            """,
        somebody: """
            iemand, een van jullie
            """,
        nobody: "niemand",
        bots: """
            bot, bots, robot, chatbot, computer, machine, ai, kunstmatige intelligentie, programma, \
            virtuele assistent, automaat, digitale assistent, virtuele medewerker, digitale medewerker
            """,
        talkVerbs: """
            spreken, praten, chatten, bellen, contact opnemen, in contact, contact met, verbinden, \
            doorverbinden, doorverbonden, verbind me door, verbind mij door, verbindt u mij door, \
            zet me door, zet mij door, doorzetten, doorgezet, doorschakelen, schakel me door, bereiken, \
            spreek graag, spreek ik graag, te woord staan, te spreken, te praten, \
            in contact brengen, in contact komen, \
            geholpen worden, geholpen te worden, te woord gestaan worden, teruggebeld worden, gebeld worden, \
            gecontacteerd worden, doorverbonden worden, krijgen, aan de lijn krijgen, verbind me met, verbind mij \
            met, verbindt u mij met, verbind me even met, \
            laten terugbellen, laten bellen, laten helpen, \
            doorsturen, doorgestuurd, \
            escaleer, escaleren, escaleert, benaderd door, benaderd worden door, gebeld door, gebeld worden door, \
            teruggebeld door, gecontacteerd door, gecontacteerd worden door, \
            door te sturen, door te verbinden, door te zetten, doorgestuurd naar, doorgestuurd wordt naar, \
            wordt doorgestuurd, doorgezet naar, worden doorgestuurd, \
            een klacht indienen bij, klacht indienen bij, bekeken door, beoordeeld door, stuur door naar, \
            stuur mijn dossier door naar
            """,
        wantVerbs: """
            wil, wil graag, willen, zou graag, zou ik, graag, kan ik, kun je, kunt u, mag ik, nodig, \
            geef me, geef mij, ik zoek, zoek, vraag om, ik vraag om, eis, liever, zou ik graag, wil ik, \
            haal, haal even, haal me, \
            heb liever, zou liever, heb graag, \
            vragen, \
            er moet, \
            een afspraak maken, afspraak maken, inplannen, \
            mogelijkheid om, een mogelijkheid om, mogelijk om, \
            sturen, stuur, stuurt, langs sturen
            """,
        transferAlone: """
            verbind me door, verbind mij door, verbindt u mij door, zet me door, zet mij door, schakel me door, \
            mij doorverbinden, me doorverbinden, mij even doorverbinden, me even doorverbinden, \
            mij doorzetten, me doorzetten
            """,
        strongPhrases: """
            met wie kan ik praten, met wie kan ik spreken, met wie moet ik praten, met wie moet ik spreken, bij wie \
            kan ik terecht
            """,
        glue: """
            een, de, het, n, jullie, uw, graag, even, gewoon, alstublieft, alsjeblieft, nu, direct, meteen, \
            aan de lijn, een van jullie, andere, ander, hulp, door, te, telefonisch, eens, nou, echt, \
            liefst, het liefst, \
            ook, u, eigenlijk, \
            er, \
            afspraak, een afspraak, gesprek, een gesprek
            """,
        linkers: "met, me, mij, van, aan, door met, ons, naar, bij",
        realAdjectives: """
            echte, echt, menselijke, levende, van vlees en bloed, werkelijke, \
            live
            """,
        auxiliaries: "ik, wil, kan, moet, zou, wordt, worden, te, we, graag, is, zijn",
        negations: "niet, nooit, zonder, niet nodig, hoeft niet, hoef niet, geen behoefte, moet ik, geen zin",
        negativeDeterminers: "geen",
        raisingNegations: "denk niet, denk ik niet",
        aboutBot: """
            ben je, ben jij, bent u, ben ik, praat ik, spreek ik, chat ik, is dit, is dat, je bent, jij bent, \
            u bent, ik ben, is het, ben ik aan het praten, ben ik aan het chatten
            """,
        aboutBotGlue: "een, n, echte, echt, echt een, met, of, nou, eigenlijk, wel, aan het, soms, gewoon, nu, hier",
        existential: """
            is er, zijn er, is daar, waar is, waar zijn, heeft u, hebben jullie, hebt u, is er nog, is hier, \
            is er niet, zijn er geen
            """,
        presence: "daar, hier, online, beschikbaar, aanwezig, aan de lijn",
        modals: """
            kan, kunnen, zou, kunt, \
            moet, moeten
            """,
        helpVerbs: """
                helpen, verder helpen, assisteren, beantwoorden, reageren, geholpen, \
                oplossen, regelen
            """,
        callbackVerbs: """
            terugbellen, bellen, mij bellen, me bellen, mij terugbellen, me terugbellen, \
            contact opnemen, mij contacteren, gebeld, teruggebeld, \
            belt, terugbelt, \
            opbellen, langskomen, langs komen, langsgaan, \
            mij mailen, me mailen, mailen
            """,
        reviewVerbs: """
            kijken, naar kijken, bekijken, ernaar kijken, nakijken, oppakken, behandelen, uitzoeken, \
            kijkt, bekijkt, naar kijkt, \
            oppakt, behandelt, uitzoekt, nakijkt, oplost
            """,
        recruiting: """
            vacature, vacatures, solliciteren, solliciteer, sollicitatie, cv, stage, werken bij jullie, \
            sollicitatiegesprek
            """,
        complementizers: "dat",
        aboutTheService: """
            hoe werkt, tegelijk, tegelijkertijd, telefoonnummer, \
            widget
            """,
        how: "hoe",
        channels: "telefonisch, per telefoon, per mail, per e mail, via de telefoon, per email",
        products: """
                platform, software, tool, product, oplossing, \
                systeem, ons systeem
            """,
        hours: "tot hoe laat, hoe laat, openingstijden, openingsuren",
        here: "hier",
        otherSenses: """
            per persoon, elke persoon, rechtspersoon, reisagent, verzekeringsagent, mijn medewerkers, \
            onze medewerkers, mijn medewerker, onze medewerker, mijn team, ons team, mijn manager, \
            mijn agent, mijn provider, \
            mijn baas, \
            mijn collega, mijn collegas, mijn baas, \
            persoonlijk langskomen, persoonlijk langs komen, persoonlijk ophalen, in persoon
            """,
        notAPersonBefore: "meer, extra, nieuwe, nieuw, hoeveel, virtuele, digitale, elke, per",
        notAPersonAfter: """
            account, accounts, licentie, licenties, toegang, rol, rechten, limiet, plekken, plaatsen, fout
            """,
        elseWords: "anders",
        contrast: "maar, maar met, liever, in plaats, dan",
        when: "wanneer, hoe laat, tot hoe laat, openingstijden",
        why: "waarom, hoezo",
        relatives: "die, dat, wie",
        fillers: """
            alsjeblieft, alstublieft, aub, graag, nu, nou, direct, meteen, hallo, hoi, hey, ok, oke, even, \
            gewoon, stop, help, dank, bedankt, dringend, snel, nu meteen, ja, goedendag, dag, \
            erbij, \
            zou fijn zijn, zou mooi zijn, zou top zijn, zou prettig zijn, zou fijn, zou mooi, \
            bij voorkeur, het liefst, liefst, indien mogelijk, pls, plz, \
            dringend, het is dringend
            """,
        objects: """
                dit, het, mijn vraag, mijn zaak, \
                mijn klacht, mijn vraag, mijn aanvraag, mijn dossier, mijn, mijn probleem, klacht, aanvraag
            """,
        discussVerbs: "bespreken, overleggen, spreken, praten",
        topics: "voor, over, om, met betrekking tot, ivm",
        takeOverVerbs: "overnemen, het overnemen, dit overnemen, overneemt",
        origins: "van, bij, uit",
        organizations: """
            support, klantenservice, klantendienst, helpdesk, servicedesk, team, bedrijf, afdeling, \
            technische dienst, facturatie, boekhouding, administratie, verkoop, financiele afdeling, klantcontact, \
            debiteurenadministratie, \
            technische afdeling, it afdeling, \
            jullie team, uw team, commerciele afdeling, verkoopafdeling, \
            receptie, secretariaat, onderhoud
            """,
        qualifiables: "assistent, assistente",
        comparisons: """
            beter dan, sneller dan, makkelijker dan, liever dan, leuker dan, fijner dan, meer dan, in plaats van
            """,
        separableStems: """
            zet me, zet mij, zet u mij, verbind me, verbind mij, verbindt u mij, verbind u mij, schakel me, \
            schakel mij, stuur me, stuur mij
            """,
        separableParticles: "door, door met, door naar",
        humanNouns: """
            mens, mensen, echt mens, echte mens, echte persoon, echt persoon, levend persoon, menselijke medewerker
            """,
        oneOf: "een van uw, een van jullie, een van de, een van je",
        only: "alleen, enkel, slechts",
        modelVetoes: """
            al gebeld, al gesproken, al contact gehad, gisteren, vorige week, geld, overmaken, overboeking, \
            toevoegen, uitnodigen, verwijderen, \
                overmaken van
            """,
        knownWords: """
            adviseer, assistentie, ballen, beilen, beperken, bereken, bespelen, bespraken, besproken, betreuren, \
            billen, bollen, bosco, chaam, collaboratie, collage, college, colleges, communicatie, consequent, \
            constant, consult, consument, contract, doorgeeft, gene, genre, gentse, helder, heller, humaan, karen, \
            klagen, kleren, lekte, leuze, lever, leyte, machten, menen, operatie, operaties, overleven, paar, \
            parker, parsons, passage, persen, persoons, podia, raden, redden, referentie, representatieve, roden, \
            rouge, schreven, serge, socialist, socialisten, specialiseren, spek, sprak, spraken, spreuken, staf, \
            stuff, superieur, superior, supervisie, telefoneren, verbanden, verbieden, verboden, \
            verbonden, verlagen, verlangde, verlaten, verlegen, verleggen, verlenen, verlengen, vervangen, volvo, \
            wallen, wolken, \
            cv ketel, cv installatie, cv systeem, \
            wel of niet, of niet
            """
    )
}
