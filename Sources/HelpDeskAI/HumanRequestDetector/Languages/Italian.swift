extension HumanRequestDetector.LanguageTable {
    static let italian = Self(
        code: "it",
        people: """
            operatore, operatrice, persona, persona vera, persona reale, vera persona, umano, essere umano, \
            agente, consulente, assistente umano, addetto, addetta, impiegato, impiegata, responsabile, \
            tecnico, servizio clienti, assistenza clienti, customer care, supervisore, dipendente, \
            specialista, collega, referente, umani, operatore umano, \
            collaboratore, collaboratrice, membro del team, membro dello staff, \
            membro del, membro della, membro dello, membro dell, membro di, \
            superiore, \
            esperto, esperta, ingegnere, \
            uno di voi, una di voi, uno dei vostri, una delle vostre, \
            capo squadra, caposquadra, team leader, capo reparto, caporeparto, coordinatore, coordinatrice, \
            ufficio reclami, ufficio antifrode, reparto antifrode, ufficio sinistri, tuo capo, suo capo, \
            vostro capo, il capo, capo ufficio, capoufficio, responsabile commerciale, \
            direttore, direttrice, supporto di secondo livello, secondo livello, secondo livello di assistenza
            """,
        peoplePlural: """
            persone, operatori, agenti, consulenti, dipendenti, gente, colleghi, addetti, tecnici, specialisti, \
            collaboratori, umani, \
            esperti
            """,
        somebody: "qualcuno, uno di voi, qualcuno di voi, qlcn, qlc, qualcheduno",
        nobody: "nessuno, nessun operatore, nessuna persona, nessun umano",
        bots: """
            bot, robot, chatbot, macchina, ia, intelligenza artificiale, computer, programma, \
            assistente virtuale, risponditore automatico, risposta automatica, operatore virtuale, \
            agente virtuale
            """,
        talkVerbs: """
            parlare, chattare, comunicare, contattare, mettermi in contatto, mettere in contatto, mi metta in \
            contatto, mi metti in contatto, mi passi, mi passa, mi passate, passami, passatemi, passare, mi puoi \
            passare, trasferire, trasferirmi, trasferiscimi, mi trasferisca, mi trasferisci, collegare, collegarmi, \
            collegami, mi colleghi, interagire, sentire, avere a che fare, parlarci, essere messo in contatto, \
            essere messa in contatto, essere messi in contatto, essere trasferito, essere trasferita, essere \
            passato, essere passata, essere collegato, essere collegata, \
            essere assistito, essere assistita, essere aiutato, essere aiutata, essere seguito, essere seguita, \
            essere richiamato, essere richiamata, essere ricontattato, essere ricontattata, essere contattato, \
            essere contattata, essere servito, essere servita, richiamare, farmi richiamare, passarmi, passarci, mi \
            mette in contatto, mi mettete in contatto, mettermi in comunicazione, mi metta in comunicazione, mi \
            mette in comunicazione, mi metti in comunicazione, mettere in comunicazione, contattasse, richiamasse, \
            chiamasse, ricontattasse, mi contatti, mi richiami, mi contatta, mi faccia parlare, fammi parlare, farmi \
            parlare, mi fa parlare, mi fate parlare, \
            mi giri, girami, mi gira, girare, girarmi, inoltrare, mi inoltri, inoltrami, \
            inoltrate, inoltra, inoltrare, inoltri, girate, girare, me passi, mi passi, me passa, mi passa, \
            passami, farmi chiamare da, mi fai chiamare da, mi fate chiamare da, fatemi chiamare da, \
            farmi richiamare da, essere contattato, essere contattata, essere ricontattato, essere ricontattata, \
            essere richiamato, essere richiamata, scalare, scalate, trasmettere, trasmettete, \
            mettimi in contatto con, mettetemi in contatto con, mettimi in contatto, mi metta in contatto con, \
            venga inoltrata, venga inoltrato, sia inoltrata, sia inoltrato, venga girata, venga passata, \
            fare un reclamo con, esaminata da, esaminato da, valutata da, \
            passate, passare la pratica
            """,
        wantVerbs: """
            voglio, vorrei, vogliamo, ho bisogno, bisogno, mi serve, serve, desidero, desidererei, chiedo, \
            pretendo, mi dia, mi dai, dammi, datemi, posso, potrei, si puo, cerco, preferirei, preferisco, \
            mi piacerebbe, aiutarmi, volevo, \
            trovami, trovatemi, mi trovi, \
            e possibile avere, sarebbe possibile avere, si puo avere, posso avere, potrei avere, \
            chiedere, chiedere a, \
            prenotare, fissare, \
            voglio che, vorrei che, preferisco che, \
            mandi, mandare, mandate, mandatemi, inviate, inviare
            """,
        transferAlone: """
            passami, trasferiscimi, collegami, mi passi, mi trasferisca, mi colleghi, passatemi, mi trasferisci
            """,
        strongPhrases: """
            con chi posso parlare, con chi parlo, a chi mi posso rivolgere, a chi posso rivolgermi, con chi devo \
            parlare
            """,
        glue: """
            un, una, uno, il, lo, la, l, i, gli, le, del, della, dello, dell, che, qualche, vostro, vostra, \
            vostri, uno dei vostri, una delle vostre, direttamente, subito, ora, adesso, per favore, \
            in contatto, un altro, altro, altra, aiuto, l aiuto, per piacere, finalmente, al telefono, \
            per telefono, davvero, solo, \
            anche, \
            suo, sua, chiamata, una chiamata, in chat, \
            veda, lo veda, controlli, appuntamento, un appuntamento, contatto, 1, \
            n, \
            tuo, tua, suo, sua, vostra
            """,
        linkers: """
            con, a, al, alla, allo, ad, mi, di, in contatto con, col, da, cn, x, \
            all, dall, \
            col, coi
            """,
        realAdjectives: "vero, vera, veri, vere, reale, reali, umano, umana, in carne e ossa, in carne ed ossa",
        auxiliaries: "voglio, posso, vorrei, devo, mi, che, ho, io, e, sono",
        negations: """
            non, mai, senza, non serve, non c e bisogno, non e necessario, non ho bisogno, stanco di, stanca di, \
            devo, bisogna, e necessario
            """,
        negativeDeterminers: "nessun, nessuna",
        raisingNegations: "non credo, non penso",
        aboutBot: """
            sei, tu sei, sei tu, lei e, e lei, e un, e una, sto parlando, sto chattando, sto scrivendo, \
            parlo con, questo e, si tratta di, sono, e umano, e un bot, e una persona, mi risponde un, \
            mi risponde una, mi sta rispondendo
            """,
        aboutBotGlue: """
            un, una, uno, con, il, la, vero, vera, davvero, per caso, solo, o, oppure, reale, in realta, forse
            """,
        existential: """
            c e un, c e una, ci sono, dove sono, dov e, avete, non c e, esiste, non ce, c e per caso
            """,
        existentialInQuestion: "c e, ce",
        presence: "li, qui, in linea, disponibile, online, presente, dall altra parte",
        modals: """
            puo, potrebbe, possono, mi puo, mi potrebbe, potete, potreste, \
            possa, possano, deve, dovrebbe
            """,
        helpVerbs: """
                aiutare, aiutarmi, mi aiuti, assistermi, assistere, rispondere, rispondermi, seguire, \
                risolvere, sistemare
            """,
        callbackVerbs: """
            richiamarmi, chiamarmi, mi chiami, mi richiami, ricontattarmi, \
            richiamare, chiamare, contattarmi, ricontattare, contattare, \
            venire, passare, venire a vedere, mandare, \
            scrivermi, mandarmi una mail, mandarmi un email, inviarmi una mail, mi scriva
            """,
        reviewVerbs: "dare un occhiata, guardare, controllare, controllasse, verificare, esaminare, occuparsi",
        recruiting: """
            candidatura, candidarmi, candidarsi, curriculum, cv, offerta di lavoro, posizione aperta, colloquio di \
            lavoro, stage, tirocinio, assunzioni, assumete, lavorare con voi, lavorare come
            """,
        complementizers: """
                che, \
                voglio che, vorrei che, preferisco che
            """,
        aboutTheService: """
            come funziona, contemporaneamente, allo stesso tempo, numero di telefono, \
            widget
            """,
        how: "come",
        channels: "per telefono, al telefono, per email, per e mail, per mail, via email",
        products: """
                piattaforma, software, strumento, soluzione, prodotto, \
                sistema
            """,
        hours: "fino a che ora, a che ora, orari, orario",
        here: "qui",
        otherSenses: """
            errore umano, diritti umani, corpo umano, per persona, a persona, ogni persona, persona giuridica, \
            persona fisica, mio operatore, il mio operatore, operatore telefonico, operatore di rete, \
            operatore mobile, operatore di telefonia, cambiare operatore, agente di viaggio, agente di viaggi, \
            agente immobiliare, agente assicurativo, agente di commercio, qualcun altro, qualcuno altro, \
            miei dipendenti, nostri dipendenti, risorse umane, \
            mio superiore, il mio superiore, \
            il mio collega, mio collega, la mia collega, i miei colleghi, \
            di persona
            """,
        notAPersonBefore: "quanti, quante, nuovi, nuove, piu, altri, vari, ogni",
        notAPersonAfter: """
            virtuale, virtuali, ia, licenza, licenze, account, accesso, limite, posti, posto, errore, aggiuntivo, \
            aggiuntivi, extra, \
            in piu
            """,
        elseWords: "altro",
        contrast: "ma, bensi, piuttosto, invece, ma con",
        when: "quando, a che ora, fino a che ora, orari, orario",
        why: "perche, come mai",
        relatives: "che, chi",
        fillers: """
            per favore, per piacere, perfavore, pf, grazie, ora, adesso, subito, ciao, salve, ok, basta, solo, \
            aiuto, urgente, si, presto, immediatamente, dai, buongiorno, buonasera, \
            sarebbe meglio, sarebbe bello, sarebbe gradito, sarebbe ideale, sarebbe perfetto, \
            pls, plz, please, possibilmente, preferibilmente, magari, se possibile, \
            ao, e urgente, urgente, scusate, scusi
            """,
        objects: """
            la mia pratica, il mio caso, questo, la mia richiesta, il mio, la mia, i miei, le mie, \
            la pratica, pratica, la mia pratica, la richiesta, la mia richiesta, il mio caso, questa cosa, \
            la mia segnalazione, il mio reclamo, la mia domanda, il mio problema, mio, mia, il mio, la mia, \
            reclamo, segnalazione
            """,
        discussVerbs: "discutere, discuterne, parlarne, parlare, chiarire",
        topics: "di, su, riguardo, riguardo a, circa",
        takeOverVerbs: "subentrare, prendere in carico, occuparsene, occuparsi, prendere il controllo",
        origins: "del, della, dello, dell, di, dal, dallo, dalla, da",
        organizations: """
            supporto, assistenza, team, staff, squadra, azienda, servizio clienti, ufficio, reparto, \
            assistenza clienti, \
            help desk, helpdesk, assistenza tecnica, supporto tecnico, servizio assistenza, ufficio tecnico, \
            amministrazione, reparto tecnico, contabilita, ufficio reclami, call center, \
            commerciale, ufficio commerciale, ufficio amministrativo, vendite, reparto vendite, fatturazione, \
            ufficio fatturazione, vostro team, il vostro team, \
            segreteria, reception, accettazione, manutenzione
            """,
        qualifiables: "assistente, assistenti",
        comparisons: """
            meglio che, meglio di, peggio di, peggio che, piu veloce che, piu facile che, piuttosto che, invece di, \
            anziche
            """,
        oneOf: "uno dei vostri, una delle vostre, uno dei suoi, una delle sue, uno dei, una delle",
        only: "solo, soltanto, solamente",
        modelVetoes: """
                gia, ieri, la settimana scorsa, soldi, denaro, bonifico, aggiungere, invitare, rimuovere, \
                trasferire da
            """,
        knownWords: """
            aiutami, aiutarli, argenti, assente, assistiti, attendere, avente, aventi, aziende, belen, bosco, buco, \
            ceco, cero, cervo, chievo, chiodo, chiudo, circo, colera, collaborare, collage, collare, collegarsi, \
            collegate, collegati, college, colleghe, collegi, collera, collinare, cominciare, comunicate, consente, \
            constant, consulenze, contatore, contattate, contrattare, derivare, derivate, desiderio, desio, \
            dialogare, dimmi, dipendenze, dipendere, ditemi, domande, drammi, esecutiva, esecutivo, esige, \
            funzionario, gemme, gene, gomme, impegnata, impegnato, impiega, impiegano, impiego, karen, liber, \
            operare, operate, operati, operative, oratore, oratori, parare, parer, parker, parlaci, parlar, \
            parlarsi, parlarvi, parlate, parsons, passai, passati, passo, perdona, possa, poteri, potrai, preferita, \
            preferiti, preferivo, quieto, rappresentante, rappresentative, reference, referenze, reich, rouge, \
            ruote, sentite, sentore, sere, simeone, socialista, socialisti, specialita, superior, superiore, \
            trasferi, trasferirsi, trasferirti, trasferite, trasferiti, trasferte, trovai, trovarmi, trovati, \
            vaglio, verrei, vogliano, volvo, vorrai
            """
    )
}
