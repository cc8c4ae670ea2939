extension HumanRequestDetector.LanguageTable {
    static let portuguese = Self(
        code: "pt",
        people: """
            atendente, atendentes, humano, humanos, ser humano, pessoa, pessoa real, pessoa de verdade, \
            agente, operador, operadora, consultor, consultora, representante, funcionario, funcionaria, \
            colaborador, colaboradora, supervisor, supervisora, gerente, responsavel, tecnico, tecnica, \
            atendimento humano, atendimento humanizado, suporte humano, sac, central de atendimento, \
            atendimento, alguem real, alguem de verdade, especialista, analista, atendente humano, \
            colega, membro da equipe, membro da equipa, \
            membro da, membro do, membro de, \
            superior, chefe, \
            perito, engenheiro, engenheira, \
            chefe de equipe, chefe de equipa, lider de equipe, lider da equipe, coordenador, coordenadora, gestor, \
            gestora, \
            setor de reclamacoes, departamento de reclamacoes, equipe de fraude, equipa de fraude, \
            departamento de fraude, departamento de sinistros, gestor de conta, \
            diretor, diretora, gestor, suporte de segundo nivel, segundo nivel
            """,
        peoplePlural: """
            pessoas, agentes, operadores, consultores, funcionarios, gente, colaboradores, colegas, especialistas, \
            tecnicos, representantes, analistas, humanos, atendentes
            """,
        somebody: "alguem, algum de voces, um de voces, alguem da equipe",
        nobody: "ninguem, nenhum humano, nenhuma pessoa, nenhum atendente",
        bots: """
            bot, bots, robo, robos, robozinho, chatbot, maquina, ia, inteligencia artificial, computador, \
            programa, assistente virtual, atendimento automatico, resposta automatica, mensagem automatica, \
            atendente virtual, atendimento virtual
            """,
        talkVerbs: """
            falar, conversar, bater papo, me comunicar, comunicar, contatar, contactar, entrar em contato, me passa, \
            me passe, me passar, passar, me transfere, me transfira, me transferir, transferir, me conecta, me \
            conecte, conectar, me coloca em contato, me coloque em contato, me encaminha, me encaminhe, encaminhar, \
            me direciona, me direcione, direcionar, ser atendido, ser atendida, me atende, me atenda, atender, \
            tratar com, chamar, chama, chame, falar com, transfere, transfira, encaminha, encaminhe, passa, conecta, \
            conecte, colocar em contato, me colocar em contato, me por em contato, ser colocado em contato, ser \
            colocada em contato, ser transferido, ser transferida, ser encaminhado, ser encaminhada, \
            ser ajudado, ser ajudada, ser contatado, ser contatada, ser chamado, ser chamada, me ligasse, me \
            atendesse, me contatasse, \
            quero fala, queria fala, preciso fala, gostaria de fala, posso fala, \
            coloque me em contato, coloque me em contacto, coloca me em contacto, ponha me em contato, \
            ponha me em contacto, colocar em contacto, me colocar em contacto, entrar em contacto, \
            passe me, passa me, me passe, me passa, escalem, escale, escalar, escalona, escalonem, encaminhem, \
            encaminhe, encaminhar, me colocam em contato com, me coloca em contato com, me colocar em contato com, \
            colocar em contato, colocam me em contato, coloquem me em contato, por me em contacto com, \
            por me em contato com, por em contacto, ponham me em contacto, poem me em contacto, \
            seja encaminhada, seja encaminhado, seja encaminhada a, seja encaminhado a, seja transferida, \
            seja transferido, seja repassada, seja repassado, ser encaminhada, ser encaminhado, repassem, repasse, \
            repassar, \
            abrir uma reclamacao com, fazer uma reclamacao com, registrar uma reclamacao com, analisado por, \
            analisada por, revisto por
            """,
        wantVerbs: """
            quero, queria, gostaria, preciso, precisava, posso, poderia, desejo, exijo, me da, me de, \
            me arranja, solicito, peco, pedir, quero que, busco, prefiro, tem como, da pra, da para, \
            me ajudar, me arruma, \
            qro, qria, \
            marcar, agendar, \
            precisa de, precisamos de, isso precisa, \
            preciso que, prefiro que, \
            mandar, mandem, enviar, enviem, \
            solicitar que, solicito que, venho solicitar que, peco que
            """,
        transferAlone: """
            me transfere, me transfira, me passa, me passe, me encaminha, me encaminhe, me conecta, me conecte, \
            me transferir, transferir me, pode me transferir
            """,
        strongPhrases: "com quem posso falar, com quem eu falo, com quem falo, com quem eu posso falar",
        glue: """
            um, uma, o, os, as, do, da, que, algum, alguma, seu, sua, um dos seus, uma das suas, \
            diretamente, logo, ja, agora, por favor, em contato, contato, outro, outra, ajuda, a ajuda, \
            eu, urgente, pelo telefone, por telefone, so, voces, vcs, voce, vc, \
            dos, das, vosso, vossa, vossos, vossas, seus, suas, um dos, uma das, tambem, \
            ligacao, uma ligacao, retorno, um retorno, \
            q, tb, tbm, contacto, em contacto, um contato, 1, \
            conversa, uma conversa, reuniao, uma reuniao
            """,
        linkers:
            "com, a, ao, me, de, pra, para, por, em contato com, pro, pros, prum, pruma, c, cm, p, em contacto com",
        realAdjectives:
            """
            real, reais, de verdade, verdadeiro, verdadeira, humano, humana, de carne e osso, ao telefone, \
            no telefone, por telefone, pelo telefone, \
            a serio, serio, de carne e osso
            """,
        auxiliaries: "quero, posso, vou, vai, me, que, eu, tenho, precisa, preciso, esta, estao",
        negations: """
            nao, nao precisa, nao preciso, nao e necessario, nunca, jamais, sem, nem, cansado de, \
            cansada de, nao aguento mais, tenho que, preciso mesmo, e necessario, \
            n
            """,
        negativeDeterminers: "nenhum, nenhuma",
        raisingNegations: "nao acho, acho que nao",
        aboutBot: """
            voce e, vc e, voce eh, vc eh, tu e, tu es, e voce, e vc, e um, e uma, eh um, eh uma, isso e, \
            isto e, estou falando, to falando, tou falando, falo com, estou conversando, sou, e robo, e bot, \
            e humano, e real, e uma pessoa, e um humano, estou sendo atendido, estou sendo atendida
            """,
        aboutBotGlue: "um, uma, com, o, a, real, de verdade, mesmo, so, ou, apenas, realmente, por",
        existential: """
            nao tem, cade, onde esta, onde tem, voces tem, vcs tem, existe, tem algum, \
            tem alguma, tem um, tem uma, tem como
            """,
        existentialInQuestion: "tem, ha",
        presence: "ai, aqui, ali, disponivel, online, on line",
        modals: """
            pode, poderia, podem, me pode, seria possivel, \
            consiga, possa, possam, tem de, tem que, deve, \
            consegue, conseguem
            """,
        helpVerbs: """
                ajudar, me ajudar, atender, me atender, resolver, responder, \
                solucionar
            """,
        callbackVerbs: """
            me ligar, ligar, me liga, me ligue, retornar, me retornar, \
            entrar em contato comigo, me contatar, me contate, \
            vir, vir ca, passar ca, passar aqui, \
            me mandar um email, mandar me um email, enviar me um email, me enviar um email, me escrever
            """,
        reviewVerbs: "verificar, olhar, dar uma olhada, analisar, analise, verifique",
        recruiting: """
            vaga, vagas, candidatar, candidatura, curriculo, cv, estagio, emprego, contratando, recrutamento, \
            trabalhar com voces, trabalhar como, entrevista de emprego
            """,
        complementizers: """
                que, \
                quero que, preciso que, prefiro que, \
            solicitar que, solicito que, venho solicitar que, peco que
            """,
        aboutTheService: """
            como funciona, ao mesmo tempo, simultaneamente, numero de telefone, \
            widget
            """,
        how: "como",
        channels: "por telefone, pelo telefone, por email, por e mail, ao telefone",
        products: """
                plataforma, software, ferramenta, solucao, produto, \
                sistema, nosso sistema, \
                painel, painel admin
            """,
        hours: "ate que horas, a que horas, horario, horarios",
        here: "aqui",
        otherSenses: """
            recursos humanos, erro humano, direitos humanos, corpo humano, por pessoa, cada pessoa, \
            pessoa juridica, pessoa fisica, minha operadora, meu operador, sua operadora, operadora de celular, \
            operadora de telefonia, operadora do cartao, operadora de cartao, operadora movel, \
            operadora de internet, operadora de saude, operadora do plano, agente de viagens, agente de viagem, \
            agente imobiliario, agente de seguros, agente de ia, agente virtual, atendente virtual, \
            atendimento virtual, atendimento automatico, meus funcionarios, nossos funcionarios, alguem mais, \
            meu chefe, minha chefe, meu superior, \
            meu colega, minha colega, meus colegas
            """,
        notAPersonBefore: "quantos, quantas, novos, novas, varios, varias, cada, mais",
        notAPersonAfter: """
            virtual, virtuais, ia, licenca, licencas, conta, contas, acesso, limite, vaga, vagas, erro, adicional, \
            adicionais, extra, automatico
            """,
        elseWords: "mais",
        contrast: "mas, e sim, mas sim, em vez, ao inves",
        when: "quando, a que horas, que horas, ate que horas, horario, horarios",
        why: "por que, porque, pq, por qual motivo",
        relatives: "que, quem",
        fillers: """
            por favor, pf, pfv, pfvr, agora, ja, agora mesmo, urgente, oi, ola, ok, obrigado, obrigada, so, \
            pelo amor de deus, socorro, rapido, ajuda, sim, bom dia, boa tarde, boa noite, \
            seria bom, seria otimo, seria melhor, seria legal, seria ideal, \
            de preferencia, preferencialmente, se possivel, idealmente, pls, plz, \
            o pa, pa, la, se faz favor, e urgente, urgente
            """,
        objects: """
            isso, meu caso, meu chamado, minha solicitacao, \
            meu, minha, meu atendimento, minha conversa, meu pedido, meu problema, minha duvida, \
            minha reclamacao, meu pedido, minha solicitacao, minha duvida, meu caso, meu problema, minha, meu, \
            reclamacao, solicitacao
            """,
        discussVerbs: "discutir, tratar, falar, conversar, resolver",
        topics: "de, sobre, a respeito de",
        takeOverVerbs: "assumir, assume, assuma, assumir o atendimento",
        origins: "da, do, de",
        organizations: """
            suporte, equipe, equipa, atendimento, sac, empresa, departamento, setor, financeiro, loja, \
            cobranca, suporte tecnico, area, ouvidoria, time, \
            setor tecnico, departamento tecnico, area tecnica, assistencia tecnica, \
            comercial, o comercial, departamento comercial, faturacao, departamento de faturacao, vendas, \
            contabilidade, area comercial, \
            secretaria, recepcao, manutencao
            """,
        qualifiables: "assistente, assistentes",
        comparisons: """
            melhor que, melhor do que, pior que, pior do que, mais rapido que, mais rapido do que, mais facil que, \
            mais facil do que, em vez de, ao inves de
            """,
        oneOf: "um dos seus, uma das suas, um dos, uma das, um de seus, uma de suas",
        only: "so, somente, apenas",
        modelVetoes: """
            ja falei, ja falou, ja me ligaram, ja liguei, ontem, semana passada, dinheiro, transferencia, \
            adicionar, convidar, remover, \
                transferir de
            """,
        knownWords: """
            analisa, analises, assente, atendem, basco, bosco, cama, came, causar, cervo, chale, chapa, chiado, \
            circo, colaboracoes, colaborar, colera, coleta, college, compara, comunidade, comunique, condutor, \
            condutores, conseguem, consequente, consultada, consultar, consultas, consulte, consultoria, contestar, \
            contratar, conversor, dependente, dialogar, elder, elmer, encarada, encarado, encargo, encarnado, \
            encarregada, encarregado, encerrada, encerrado, executiva, executivo, executivos, exibe, falir, \
            funcionado, funcionais, funcionara, gene, helder, heller, humanas, interage, interlocutor, karen, lute, \
            necessitamos, necessito, operacoes, operada, operadoras, operados, oradores, orientar, parker, parsons, \
            passas, passear, passo, pesar, pisar, podera, podia, posar, possa, precioso, precisao, precisara, \
            preferia, preferida, preferido, prever, queira, quieto, redigir, reference, reich, representativas, \
            representativos, revisor, rouge, rute, serge, socialista, stuff, superior, superiores, taking, tecnicas, \
            traseira, trator, umas, volvo
            """
    )
}
