extension HumanRequestDetector.LanguageTable {
    static let french = Self(
        code: "fr",
        people: """
            humain, humains, etre humain, un humain, conseiller, conseillere, agent, agente, operateur, \
            operatrice, une personne, la personne, vraie personne, personne reelle, personne physique, \
            personne humaine, cette personne, une autre personne, responsable, technicien, technicienne, \
            interlocuteur, interlocutrice, service client, service clientele, membre de l equipe, \
            membre de votre equipe, employe, employee, superviseur, manager, assistant humain, support humain, \
            standardiste, teleconseiller, teleconseillere, charge de clientele, chargee de clientele, \
            gestionnaire, collaborateur, collaboratrice, quelqu un de reel, quelqu un de vrai, vraies personnes, \
            vrais gens, vrais humains, \
            collegue, un collegue, une collegue, membre du personnel, conseiller humain, agent humain, \
            membre de, membre du, membre de l, \
            superieur, superieure, chef, \
            specialiste, expert, experte, ingenieur, consultant, consultante, \
            chef d equipe, responsable d equipe, chef de service, manager, \
            service fraude, service des fraudes, service reclamations, service des reclamations, \
            service sinistres, charge de compte, chargee de compte, charge d affaires, conseiller clientele, \
            directeur, directrice, support de niveau 2, support niveau 2, deuxieme niveau
            """,
        peoplePlural: """
            personnes, agents, operateurs, conseillers, gens, employes, des personnes, collegues, collaborateurs, \
            techniciens, responsables, membres de l equipe, humains, \
            specialistes, experts, consultants
            """,
        somebody: """
            quelqu un, quelquun, qqn, qq1, quelqu une, n importe qui, l un de vous, l un d entre vous, quelqu un d \
            humain
            """,
        nobody: "personne, aucun humain, aucune personne, aucun conseiller, nul",
        bots: """
            robot, robots, bot, bots, chatbot, machine, ia, intelligence artificielle, ordinateur, programme, \
            assistant virtuel, automate, repondeur, reponse automatique, agent virtuel, conseiller virtuel
            """,
        talkVerbs: """
            parler, discuter, echanger, causer, dialoguer, joindre, contacter, entrer en contact, etre en contact, \
            me mettre en contact, mettre en relation, etre mis en relation, etre mise en relation, mettez moi en \
            relation, mets moi en relation, me mettre en relation, passez moi, passe moi, me passer, passer, \
            transferer, transferez moi, transfere moi, me transferer, rediriger, redirigez moi, redirige moi, me \
            rediriger, basculer, me basculer, orienter, m orienter, avoir affaire, traiter avec, etre transfere, \
            etre transferee, etre redirige, joindre, mettre en contact, mettez moi en contact, mets moi en contact, \
            etre mis en contact, etre mise en contact, me transmettre, transmettez moi, \
            etre aide par, etre aidee par, etre aide, etre aidee, etre conseille, etre conseillee, etre rappele, \
            etre rappelee, etre recontacte, etre recontactee, etre contacte, etre contactee, etre pris en charge, \
            etre prise en charge, etre servi, etre servie, etre accompagne, etre accompagnee, etre suivi, etre \
            suivie, etre oriente, etre orientee, transmettre, faire rappeler, me faire rappeler, avoir au telephone, \
            avoir en ligne, transferez, transmettez, transmets, passez, redirigez, \
            veux parle, voudrais parle, voudrai parle, souhaite parle, souhaiterais parle, aimerais parle, peux \
            parle, pourrais parle, \
            entretenir, m entretenir, s entretenir, faire remonter, remonter, faites remonter, transmettre, \
            transmettez, faire suivre, faites suivre, escalader, escaladez, \
            soit transmise a, soit transmis a, soit transferee, soit transfere, etre transmise, etre transmis, \
            un rappel de, etre rappele par, \
            deposer une reclamation aupres d, deposer une plainte aupres d, examine par, examinee par
            """,
        wantVerbs: """
            veux, voudrais, voudrai, souhaite, souhaiterais, aimerais, aimerai, besoin, ai besoin, avoir, \
            demande, je demande, exige, j exige, donnez moi, donne moi, trouvez moi, peux avoir, \
            puis je avoir, puis je, pourrais je, est ce que je peux, je peux, pouvez vous me, \
            pourriez vous me, il me faut, me faut, cherche, je cherche, reclame, je reclame, preferais, \
            prefere, voulais, voulons, \
            demander, voudrais qu, voudrais que, veux qu, veux que, souhaite qu, souhaite que, souhaiterais qu, \
            souhaiterais que, aimerais qu, aimerais que, possible d avoir, \
            jveux, jvoudrais, jveu, \
            prendre rendez vous, prendre un rendez vous, prendre rdv, fixer un rendez vous, \
            il faut, faut, il me faut, besoin qu, besoin que, \
            envoyer, envoyez, envoyez moi
            """,
        transferAlone: """
            transferez moi, transfere moi, mettez moi en relation, mets moi en relation, passez moi, \
            redirigez moi, redirige moi, transferez moi svp, me transferer, me mettre en relation, \
            mettez moi en contact, mets moi en contact
            """,
        strongPhrases: """
            a qui puis je parler, a qui je peux parler, a qui dois je m adresser, a qui m adresser, \
            avec qui puis je parler, a qui je m adresse, a qui puis je m adresser
            """,
        glue: """
            un, une, le, la, l, les, des, de, d, du, moi, me, m, en, relation, contact, directement, \
            rapidement, immediatement, tout de suite, vite, svp, s il vous plait, s il te plait, stp, voir, \
            vos, votre, ton, tes, un de vos, l un de vos, une de vos, autre, plutot, l aide, aide, maintenant, \
            enfin, par telephone, au telephone, etre, mis, mise, vraiment, juste, bien, seulement, \
            aussi, egalement, \
            rappel, appel, un appel, un rappel, \
            rendez vous, un rendez vous, rdv, un rdv, consultation, entretien, un contact, \
            est ce que, bien vouloir, de bien vouloir
            """,
        linkers: "a, au, aux, avec, moi, me, m, de, d, vers, aupres, du, pour, par",
        realAdjectives: """
            vrai, vraie, vrais, vraies, veritable, reel, reelle, reels, reelles, humain, humaine, vivant, vivante, \
            en chair et en os, physique
            """,
        auxiliaries: """
            ai, as, a, avons, avez, veux, peux, dois, vais, va, voudrais, y, en, je, j, voulais, plus, est, sont, \
            est il, est elle
            """,
        negations: """
            ne, n, pas, jamais, plus jamais, sans, pas besoin, plus besoin, pas la peine, inutile, \
            pas necessaire, dois je, faut il, est ce que je dois, est ce qu il faut, marre de, \
            en ai marre de, j en ai marre de, assez de, ras le bol de
            """,
        negativeDeterminers: "aucun, aucune, pas de, pas d, nul, nulle",
        raisingNegations: "ne pense pas, pense pas, ne crois pas, crois pas",
        aboutBot: """
            es tu, tu es, t es, etes vous, vous etes, est ce que tu es, est ce que vous etes, je parle, \
            je discute, je suis en train de parler, je suis en train de discuter, suis je, c est, est ce, \
            ce n est pas, ai je affaire, j ai affaire, je suis, on parle, je parle bien, t es un, c est un, \
            c est une, est ce que je parle, est ce que je discute, parle t on
            """,
        aboutBotGlue: """
            un, une, a, au, avec, vrai, vraie, reel, reelle, vraiment, bien, juste, ou, en train de parler, que, \
            seulement, simplement, encore, la, le, de, d, actuellement, ici
            """,
        existential: """
            y a t il, y a t'il, est ce qu il y a, est ce qu y a, avez vous, ou est, ou sont, ou est passe, \
            n y a t il, n y a t il pas, vous n avez pas, ou sont passes
            """,
        existentialInQuestion: "il y a, y a, ya, il n y a, n y a, vous avez, tu as, y a pas, il y a pas",
        presence:
            "la, ici, disponible, en ligne, present, presente, derriere, au bout du fil, derriere l ecran, dispo, dispos",
        modals: """
            peut, pourrait, pouvez, pourriez, peut il, peut elle, \
            pourrait il, pourrait elle, pourriez vous, pouvez vous, \
            puisse, puissent, pourra, pourront, doit, devrait
            """,
        helpVerbs: """
                aider, m aider, me aider, s occuper, traiter, repondre, me repondre, \
                regler, resoudre
            """,
        callbackVerbs: """
            rappeler, me rappeler, m appeler, me contacter, \
            me recontacter, me rappelle, m appelle, me contacte, \
            venir, se deplacer, passer chez moi, passer a la maison, passer voir, \
            m envoyer un mail, m envoyer un email, m envoyer un e mail, m ecrire
            """,
        reviewVerbs: "jeter un oeil, jeter un coup d oeil, regarder, examiner, verifier, se pencher, s en occuper",
        recruiting: """
            candidature, candidater, postuler, postule, offre d emploi, emploi, cv, stage, recrutement, recrutez, \
            embauche, embauchez, entretien d embauche, poste de
            """,
        complementizers: "que, qu",
        aboutTheService:
            """
            comment fonctionne, comment marche, comment ca marche, comment se passe, en meme temps, simultanement, \
            numero de telephone, \
            widget
            """,
        how: "comment",
        channels: "par telephone, par mail, par e mail, par email, par courriel, au telephone",
        products: """
                plateforme, logiciel, outil, solution, produit, \
                systeme, notre systeme
            """,
        hours: "jusqu a quelle heure, a quelle heure, horaires, heures d ouverture",
        here: "ici",
        otherSenses: """
            droits humains, droits de l homme, par personne, une personne de plus, personne a charge, \
            personne morale, mon operateur, votre operateur, son operateur, operateur mobile, \
            operateur telephonique, operateur de telephonie, operateur reseau, operateur internet, \
            changer d operateur, agent immobilier, agent de voyage, agent de voyages, agent d assurance, \
            agent de police, agent secret, agent de securite, agent ia, mon agent, mon conseiller virtuel, \
            erreur humaine, ressources humaines, mes employes, nos employes, mes conseillers, \
            mon chef, mon superieur, ma superieure, ma chef, \
            mon collegue, ma collegue, mes collegues, mon patron, \
            en personne
            """,
        notAPersonBefore: "nouveaux, nouvel, plusieurs, combien, chaque, supplementaire, supplementaires, ia, virtuel",
        notAPersonAfter: """
            virtuel, virtuelle, conversationnel, ia, immobilier, licence, licences, compte, comptes, role, \
            acces, limite, place, places, siege, sieges, erreur, supplementaire, supplementaires, en plus
            """,
        elseWords: "d autre, autre",
        contrast: "mais, mais plutot, plutot, a la place, mais avec",
        when: "quand, a quelle heure, jusqu a quelle heure, horaires, heures d ouverture",
        why: "pourquoi, comment ca se fait",
        relatives: "qui",
        fillers: """
            svp, s il vous plait, s il te plait, stp, merci, maintenant, vite, tout de suite, bonjour, salut, \
            allo, ok, oui, stop, urgent, juste, aide, au secours, par pitie, enfin, de suite, immediatement, \
            rapidement, please, bon, alors, allez, \
            serait bien, serait top, serait mieux, serait super, serait parfait, ce serait bien, ce serait mieux, \
            de preference, idealement, si possible, \
            c est urgent, urgent, c est urgentissime
            """,
        objects: """
                ca, cela, mon dossier, ma demande, mon probleme, le, la, \
                ma reclamation, ma demande, ma plainte, ma question, ma requete, mon probleme, mon dossier, mon cas, \
                ma, mon, mes
            """,
        discussVerbs: "discuter, en discuter, parler, echanger, voir ca",
        topics: "de, sur, concernant, au sujet de, a propos de",
        takeOverVerbs: """
            prendre le relais, prendre le relai, prendre la main, prendre en charge, reprendre, prendre la suite, \
            reprenne, reprendre la conversation, prenne le relais, prenne la main, reprenne la main, prenne en \
            charge
            """,
        origins: "de, du, d, chez",
        organizations: """
            support, service client, service clientele, equipe, votre equipe, service, societe, entreprise, \
            assistance, service technique, service apres vente, sav, comptabilite, facturation, \
            chez vous, service facturation, service comptabilite, service commercial, service des reclamations, \
            service reclamations, hotline, assistance technique, support technique, equipe support, equipe \
            technique, departement, \
            departement technique, pole technique, support informatique, \
            commercial, le commercial, service financier, direction, service administratif, \
            secretariat, accueil, reception, maintenance
            """,
        qualifiables: "assistant, assistante",
        comparisons: """
            mieux que, pire que, plus rapide que, plus simple que, plus facile que, plus agreable que, plutot que, \
            plutot qu, au lieu de, par rapport a
            """,
        oneOf: "un de vos, une de vos, l un de vos, l une de vos, un des, une des, l un des, l une des",
        only: "seul, seule, seulement, uniquement",
        modelVetoes: """
                deja, hier, la semaine derniere, argent, virement, virer, ajouter, inviter, supprimer, \
                transferer de l argent
            """,
        knownWords: """
            analystes, argent, argente, argentin, assistait, assistantes, assistee, assistons, avent, aviser, bosco, \
            came, caser, cham, collaborative, collage, college, colleges, communiquee, communiste, concluent, \
            connecte, connectee, conseille, conseillee, consent, consenti, consequent, consequente, constant, \
            constants, consulat, consulte, consulter, consultes, contester, contracter, coulent, demandee, \
            dependante, derivee, deriver, discutee, emploie, exigee, gamme, gene, genre, gomme, heller, karen, \
            lever, liber, lievre, manger, menager, menagers, moche, operatoire, orateur, orateurs, parer, parier, \
            parker, passage, perdons, perir, persan, personnels, persos, peuple, pisser, preferee, preferees, \
            preferer, prefererais, preferes, preter, reclamee, rediger, reference, reich, relire, representants, \
            representatifs, reviser, roue, rouge, sache, seche, sentie, sentier, serbe, serge, seve, souhaitais, \
            souhaitee, specialises, specialites, stuff, suce, superieur, supervise, superviser, volvo, \
            voudras, voulions
            """
    )
}
