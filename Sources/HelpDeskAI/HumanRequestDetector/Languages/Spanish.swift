extension HumanRequestDetector.LanguageTable {
    static let spanish = Self(
        code: "es",
        people: """
            persona, humano, ser humano, agente, asesor, asesora, operador, operadora, representante, \
            ejecutivo, ejecutiva, empleado, empleada, encargado, encargada, supervisor, supervisora, gerente, \
            responsable, tecnico, tecnica, atencion al cliente, servicio al cliente, \
            servicio de atencion al cliente, \
            persona real, persona de verdad, humano real, alguien real, alguien de verdad, soporte humano, \
            atencion humana, miembro del equipo, trabajador, trabajadora, humanos, persona fisica, especialista, \
            colega, companero, companera, miembro del personal, miembro de su equipo, \
            miembro de, miembro del, \
            superior, jefe, jefa, \
            umano, \
            experto, experta, ingeniero, ingeniera, consultor, consultora, \
            funcionario, funcionaria, \
            jefe de equipo, jefa de equipo, lider de equipo, coordinador, coordinadora, \
            departamento de fraudes, departamento de reclamaciones, departamento de siniestros, area de fraudes, \
            ejecutivo de cuenta, \
            director, directora, soporte de segundo nivel, segundo nivel
            """,
        peoplePlural: """
            personas, agentes, operadores, asesores, empleados, representantes, ejecutivos, gente, colegas, \
            companeros, tecnicos, especialistas, supervisores, humanos, \
            expertos, consultores, \
            funcionarios
            """,
        somebody: "alguien, alguno de ustedes, alguno de vosotros, uno de ustedes",
        nobody: "nadie, ninguno, ninguna persona, ningun humano, ningun agente",
        bots: """
            bot, bots, robot, robots, chatbot, maquina, maquinas, ia, inteligencia artificial, computadora, \
            ordenador, programa, asistente virtual, contestadora, respuesta automatica, automata, agente virtual
            """,
        talkVerbs: """
            hablar, charlar, platicar, conversar, chatear, comunicarme, comunicar, contactar, contactarme, ponerme \
            en contacto, ponerme con, ponme con, pongame con, pasame con, paseme con, pasarme con, pasame, paseme, \
            pasar, pasarme, me pasas, me pasa, me pase, me comunica, me comunicas, comuniqueme, comunicame, \
            transferir, transferirme, transfiereme, transfierame, me transfieres, me transfiera, conectar, \
            conectarme, conectame, conecteme, me conectas, me conecte, atienda, atiende, atender, atenderme, me \
            atienda, tratar con, derivar, derivarme, derivame, deriveme, redirigir, redirigirme, escribir con, ser \
            atendido, ser atendida, transfiere, transfiera, comunica, conecta, poner en contacto, me pone en \
            contacto, me pones en contacto, ponme en contacto, pongame en contacto, \
            ser ayudado, ser ayudada, ser asesorado, ser asesorada, ser contactado, ser contactada, ser llamado, ser \
            llamada, me llame, me contacte, me comunique, me comuniquen, me pongan, me ponga, me pasen, pasen, \
            comuniquen, me comunican, me pasan, me transfieren, me conectan, me ponen, me ponen con, me pasan con, \
            me llamara, me llamase, me atendiera, me atendiese, me contactara, \
            contactan, contacten, me contactan con, escalen, escale, escalar, escala, escalarlo, elevar, eleven, \
            eleve, remitir, remitan, \
            sea remitida, sea remitido, sea enviada, sea trasladada, sea derivada, sea escalada, sea transferida, \
            trasladen, traslade, trasladar, \
            poner una reclamacion con, presentar una reclamacion con, hacer una reclamacion con, revisado por, \
            revisada por
            """,
        wantVerbs: """
            quiero, quisiera, queremos, necesito, necesitamos, me gustaria, deseo, desearia, pido, solicito, \
            exijo, dame, deme, denme, consigueme, puedo, podria, se puede, busco, prefiero, me pueden, \
            me puede, me podria, me podrias, puedes, ayudarme, quiero que, queria, preferiria, \
            es posible, seria posible, se podria, \
            pedir, pedirle, pedirle a, \
            agendar, concertar, pedir cita, reservar, \
            quisiera que, necesito que, prefiero que, \
            mandar, manden, mandenme, envien, enviar
            """,
        transferAlone: """
            transfiereme, transfierame, comuniqueme, comunicame, pasame, paseme, conecteme, conectame, \
            me pasas, me transfieres, derivame, deriveme, me comunicas, me transfiera
            """,
        strongPhrases: """
            con quien puedo hablar, con quien hablo, con quien me comunico, con quien me puedo comunicar, a quien \
            puedo contactar
            """,
        glue: """
            un, una, uno, el, la, los, las, del, que, algun, alguna, su, sus, vuestro, vuestra, uno de sus, \
            una de sus, alguno de sus, directamente, ya, ahora, por favor, porfa, ahora mismo, otro, otra, \
            ayuda, la ayuda, por telefono, usted, ustedes, poder, ya mismo, de una vez, solo, \
            urgente, tu, \
            tambien, \
            llamada, una llamada, \
            una cita, cita, contacto, un contacto, asesoria, 1, \
            tuyo, tuya, suyo, suya, vuestro, vuestra
            """,
        linkers: "con, a, al, me, de, por, para, kon",
        realAdjectives: "real, reales, verdadero, verdadera, humano, humana, de verdad, de carne y hueso, vivo, viva",
        auxiliaries: "quiero, puedo, voy, vas, va, me, que, hay, tengo, se, yo, esta, estan, es",
        negations: """
            no, nunca, jamas, sin, no hace falta, no es necesario, no necesito, tampoco, ni, harto de, \
            harta de, cansado de, cansada de, tengo que, hace falta, es necesario
            """,
        negativeDeterminers: "ningun, ninguna, ninguno",
        raisingNegations: "no creo, no pienso",
        aboutBot: """
            eres, eres tu, tu eres, es usted, usted es, estoy hablando, estoy chateando, hablo con, \
            estoy conversando, es esto, esto es, es un, es una, soy, sos, vos sos, sos un, \
            estoy tratando con, me atiende un, me atiende una, me responde un, me responde una
            """,
        aboutBotGlue: """
            un, una, con, el, la, real, de verdad, verdadero, verdadera, solo, o, acaso, en realidad, realmente, de \
            carne y hueso
            """,
        existential: """
            no hay, donde esta, donde estan, tienen, tienes, existe, hay algun, \
            hay alguna, hay un, hay una, tienen algun, no tienen, \
            habria, habra
            """,
        existentialInQuestion: "hay",
        presence: "ahi, aqui, alli, disponible, en linea, conectado, conectada, despierto",
        modals: """
            puede, podria, pueden, puedes, podrias, \
            me puede, me pueden, me podria, me podrian, seria posible que, es posible que, podrian, pudiera, \
            pueda, puedan, tiene que, tienen que, debe, deberia
            """,
        helpVerbs: """
                ayudar, ayudarme, atender, atenderme, me ayude, ayude, me atienda, responder, conteste, \
                resolver, solucionar, arreglar
            """,
        callbackVerbs: """
            llamarme, me llame, me llama, devolverme la llamada, contactarme, \
            llamar, llamen, me llamen, contactar, contacten, me contacten, me contacte, \
            venir, venga, vengan, pasar por, pasarse, acercarse, \
            escribirme, enviarme un correo, mandarme un correo, mandarme un mail, me escriba
            """,
        reviewVerbs: """
            revisar, revise, revisen, mirar, mire, echar un vistazo, eche un vistazo, verificar, ocuparse, se ocupe, \
            ver, vea, vean, verlo, mirarlo, revisarlo
            """,
        recruiting: """
            vacante, vacantes, oferta de empleo, oferta de trabajo, postular, postularme, postulo, curriculum, cv, \
            candidatura, empleo, contratando, reclutamiento, trabajar con ustedes, trabajar como, entrevista de \
            trabajo
            """,
        complementizers: """
                que, \
                quiero que, quisiera que, necesito que, prefiero que
            """,
        aboutTheService: """
            como funciona, a la vez, al mismo tiempo, simultaneamente, numero de telefono, \
            widget
            """,
        how: "como",
        channels: "por telefono, por correo, por email, por mail, al telefono",
        products: """
                plataforma, software, herramienta, solucion, producto, \
                sistema
            """,
        hours: "hasta que hora, a que hora, horario, horarios, que dias",
        here: "aqui",
        otherSenses: """
            recursos humanos, error humano, errores humanos, derechos humanos, cuerpo humano, por persona, \
            en persona, cada persona, persona juridica, mi operador, mi operadora, operador movil, operadora movil, \
            operador de telefonia, operadora de telefonia, operador telefonico, compania telefonica, \
            agente de viajes, agente inmobiliario, agente de seguros, agente de bienes raices, \
            agente de policia, agente secreto, agente de aduanas, agente de ia, agente virtual, mi agente, \
            mis empleados, nuestros empleados, \
            mi jefe, mi jefa, mi superior, \
            mi colega, mis colegas, mi companero, mi companera, \
            en persona
            """,
        notAPersonBefore: "cuantos, cuantas, nuevos, nuevas, varios, varias, cada, mas",
        notAPersonAfter: """
            virtual, virtuales, ia, inmobiliario, licencia, licencias, cuenta, cuentas, rol, acceso, limite, plaza, \
            plazas, asiento, asientos, error, adicional, adicionales, extra
            """,
        elseWords: "mas",
        contrast: "sino, pero, sino con, mejor, en vez, en lugar",
        when: "cuando, a que hora, hasta que hora, horario, horarios",
        why: "por que, porque, pq, xq",
        relatives: "que, quien, con quien",
        fillers: """
            por favor, porfa, porfavor, xfa, pf, ya, ahora, ahora mismo, urgente, hola, oye, ok, vale, gracias, \
            solo, stop, basta, ayuda, de una vez, rapido, inmediatamente, ya mismo, si, buenas, bueno, \
            estaria bien, seria genial, seria mejor, seria ideal, me vendria bien, \
            mejor, de preferencia, preferiblemente, idealmente, si es posible, \
            es urgente, disculpe, disculpa, perdon
            """,
        objects: """
                mi caso, mi consulta, esto, eso, mi reclamo, \
                mi reclamacion, mi queja, mi solicitud, mi pedido, mi problema, mi, mis, reclamacion, queja, solicitud
            """,
        discussVerbs: "discutir, tratar, tratarlo, hablarlo, hablar, charlar, platicar, conversar, revisar",
        topics: "de, sobre, acerca de, respecto a, respecto de",
        takeOverVerbs: """
                encargarse, hacerse cargo, se encargue, se haga cargo, tomar el relevo, encargarse de esto, \
                tomar el caso, tome el caso, tomar mi caso, llevar el caso, lleve el caso, llevar mi caso, \
                hacerse cargo del caso, se haga cargo del caso
            """,
        origins: "de, del",
        organizations: """
            soporte, equipo, su equipo, servicio tecnico, atencion al cliente, servicio al cliente, empresa, \
            departamento, personal, facturacion, ventas, \
            area, area de soporte, soporte tecnico, sector, oficina, contabilidad, reclamaciones, mesa de ayuda, \
            departamento de facturacion, \
            departamento tecnico, area tecnica, \
            ventas, facturacion, contabilidad, comercial, departamento comercial, area comercial, cobranza, \
            cobranzas, administracion, departamento de ventas, su equipo, \
            secretaria, recepcion, mantenimiento, administracion
            """,
        qualifiables: "asistente, asistentes",
        comparisons: "mejor que, peor que, mas rapido que, mas facil que, mas comodo que, en vez de, en lugar de",
        oneOf: "uno de sus, una de sus, alguno de sus, uno de los, una de las, uno de vuestros, una de vuestras",
        only: "solo, solamente, unicamente",
        modelVetoes: """
            ya hable, ya hablo, ya me llamo, ya me llamaron, ya llame, ayer, la semana pasada, dinero, \
            transferir dinero, transferencia, anadir, agregar, invitar, eliminar, \
                transferir de, transferir desde
            """,
        knownWords: """
            analisis, asiente, ayudame, ayudarle, belen, bosco, cama, came, causar, cerdo, cero, chale, chapa, \
            chido, circo, colaborar, colera, coleta, collage, college, companeras, compara, comparo, comuneros, \
            comunicarse, comunicarte, comunique, conectarse, conector, confesar, consiente, consigue, consular, \
            consulares, consultada, consultar, consultas, consulte, consultoria, consultorios, contame, contarme, \
            contestar, contrastar, contratar, dedicarme, denle, dialogar, discurre, discuten, ejecuta, ejecutada, \
            ejecutado, ejecutados, ejecutivas, ejecuto, empleadas, empleadores, empleos, encarga, encargaba, \
            encargara, encargo, encarnado, encerrada, encerrado, especializa, fallar, funcionado, funcionara, gene, \
            humanas, interlocutor, karen, liber, liebre, necesitados, necesitaremos, necesitas, operada, operadoras, \
            operados, oradores, orientar, parker, parsons, parten, pasaje, pasare, pasarle, pasea, pasear, pedo, \
            perdon, perdona, perdonas, perdone, perdonen, perdones, peron, pesame, pesar, pisar, podia, podra, \
            posar, poseo, poso, precio, precios, precioso, preferia, preferida, preferido, prefirio, pretendio, \
            prever, pudo, puedas, quedemos, quedo, queramos, querria, quieto, reich, representativas, \
            representativos, requiere, rouge, sentirse, sentirte, sere, serge, sirve, socialista, superior, \
            superiores, supervisa, supervisar, tecnicas, trabajar, trabajara, tragar, trazar, unan, volvo
            """
    )
}
