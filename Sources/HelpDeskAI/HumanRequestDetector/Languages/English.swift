extension HumanRequestDetector.LanguageTable {
    static let english = Self(
        code: "en",
        people: """
            human, human being, real human, agent, live agent, human agent, support agent, representative, rep, \
            customer service rep, operator, person, real person, live person, actual person, staff member, member of \
            staff, member of your staff, member of your team, team member, employee, supervisor, manager, boss, \
            advisor, adviser, consultant, specialist, technician, colleague, human support, live support, customer \
            service, customer support, customer care, support team, sales team, billing team, your team, the team, \
            support staff, support person, support rep, sales rep, tech support team, one of you, one of you guys, \
            one of your team, one of your people, humans, human beings, someone real, somebody real, a real one, \
            customer service agent, customer service representative, service agent, support specialist, account \
            manager, member of, member from, \
            expert, engineer, support engineer, technical specialist, tech specialist, customer advisor, \
            team lead, team leader, teamlead, shift lead, shift supervisor, floor manager, \
            complaints department, fraud team, fraud department, claims team, claims department, claims handler, \
            salesperson, sales person, dealer, account executive, \
            director, store manager, branch manager, second level support, second line support, 2nd level support, \
            tier 2 support
            """,
        peoplePlural: """
            agents, operators, people, persons, employees, staff, managers, consultants, specialists, reps, \
            representatives, colleagues, coworkers, co workers, team members, staff members, supervisors, \
            technicians, advisors, advisers, humans, support people, support folks, support guys, your people, \
            ppl, peeps, \
            experts, engineers
            """,
        somebody: """
            someone, somebody, anyone, anybody, some one, some body, any one, whoever, \
            sum1, some1, smb, sb, any1
            """,
        nobody: "nobody, no one, noone, no body, no human, no person",
        bots: """
            bot, bots, robot, robots, chatbot, chat bot, machine, ai, artificial intelligence, computer, \
            automated system, automated assistant, virtual assistant, virtual agent, ai agent, ai assistant, \
            program, script, algorithm, autoresponder, auto reply, automated reply, automated response
            """,
        talkVerbs: """
            talk, speak, chat, be assisted by, be helped by, be served by, be attended to by, be attended by, \
            converse, communicate, reach, contact, have a word, get in touch, get hold of, \
            get through to, deal with, connect, connected, transfer, transferred, forward, redirect, route, \
            escalate, put me through, put me in touch, patch me through, hand me over, hand me off, pass me, \
            pass me over, pass me on, switch me, send me, hook me up, talking, speaking, chatting, \
            be put in contact, be put in touch, be put through, put me in contact, get me in contact, \
            get me in touch, hand this over, hand it over, \
            be called back by, be called by, be contacted by, be phoned by, hear from, get a call from, be looked \
            after by, be dealt with by, be handled by, be transferred, be connected, be escalated, handed to, handed \
            over to, passed to, passed on to, assigned to, \
            put through, get put through, \
            tlk, \
            tlak, tallk, speek, \
            get me, \
            put me thru, patch me thru, get thru to, thru, \
            be forwarded to, be passed to, be passed on to, be referred to, be sent to, be handed over to, \
            be escalated to, callback from, a callback from, call back from, \
            lodge a complaint with, file a complaint with, make a complaint to, raise a complaint with, \
            reviewed by, looked at by, checked by, looked into by
            """,
        wantVerbs: """
            want, wanna, need, would like, d like, id like, would love, d love, prefer, ask for, asking for, \
            asked for, request a, request an, requesting, i request, demand, require, get, gimme, give me, \
            find me, bring me, let me have, can i have, could i have, may i have, can i get, could i get, \
            can we get, could we get, looking for, hoping for, i ll take, please have, can you have, \
            could you have, get me, \
            ask, \
            d really like, would really like, d really love, would really love, \
            book, schedule, arrange, set up, looking 4, \
            any chance of, is it possible to get, possible to get, \
            needs, \
            send, send over, send out, \
            put
            """,
        transferAlone: """
            transfer me, connect me, put me through, patch me through, escalate, escalate this, escalate it, \
            hand me over, forward me, pass me on, transfer me please, connect me please
            """,
        strongPhrases: """
            who can i talk to, who can i speak to, who can i speak with, who do i talk to, who do i speak to, \
            who do i speak with, who should i talk to, who can i contact, who can i chat with
            """,
        glue: """
            a, an, the, some, one, of, your, you guys, please, pls, plz, now, right now, right away, just, \
            directly, immediately, quickly, asap, help, assistance, call, callback, call back, see, be, \
            able, over, another, different, other, again, back, already, actually, really, finally, \
            on the phone, on the line, an actual, a real, at least, word, personally, in charge, that, this, \
            any, sort of, kind of, \
            also, too, \
            ur, yr, u, a call, phone call, a phone call, \
            consultation, a consultation, appointment, an appointment, personal, advice, \
            yours, of yours, \
            our
            """,
        linkers: "to, with, me, us, for, from, through, in touch with, w, wit, 2, 4",
        realAdjectives: """
            real, actual, live, human, genuine, proper, competent, qualified, living, breathing, flesh and blood, \
            real life, real live, a real, an actual, a live
            """,
        auxiliaries: """
            would, will, could, should, can, really, actually, even, still, ever, have, be, to, want to, is, are
            """,
        negations: """
            not, never, don t, dont, do not, does not, doesn t, doesnt, did not, didn t, didnt, no need, no reason, \
            need not, needn t, not necessary, no thanks, no thank you, without, rather not, neither, nor, no longer, \
            do i need, do i have, do i need to, do i have to, will i need, will i have to, must i, is it necessary, \
            do you need, does it need, does this need, do we need, if i need, if i want, in case i need, tired of, \
            sick of, fed up with, sick and tired of, done with, had enough of, enough of, hate, \
            won t, wont, will not, shan t, won t be needing, wont be needing
            """,
        negativeDeterminers: "no, none, zero",
        raisingNegations: """
            don t think, dont think, do not think, don t believe, dont believe, do not believe, don t feel like, \
            dont feel like
            """,
        notAVerbAfter: """
            the, a, an, my, your, his, her, their, our, this, that, was, were, been, already, after, before, while, \
            previous, last, earlier
            """,
        aboutBot: """
            are you, are u, r u, r you, you are, youre, you re, u r, u are, you, is this, is that, is it, \
            this is, am i, i am, im, i m, are these, was that, was this, is this chat, is this conversation
            """,
        aboutBotGlue: """
            a, an, the, real, actual, really, even, just, only, still, talking, speaking, chatting, texting, \
            writing, to, with, or, or just, live, actually, kind of, sort of, like, some, some kind of, \
            automated, chat, conversation, service, here, currently, now
            """,
        existential: """
            is there, are there, isn t there, isnt there, is any, do you have, do you guys have, don t you have, \
            dont you have, have you got, where is, where are, where s, wheres, where the hell is, where are the
            """,
        existentialInQuestion: "any, got any",
        presence: "there, here, around, available, online, awake, on the line, on duty, in the office",
        modals: """
            can, could, will, would, may, might, let, have, please have, please let, \
            possible for, be possible for, is it possible for, appreciate it if, appreciate if, grateful if, \
            great if, glad if, nice if, happy if, appreciated if
            """,
        helpVerbs: """
                help, assist, look into, look at, handle, reply, respond, answer, get back to me, check, \
                sort out, sort this out, sort it out, solve, fix, resolve
            """,
        callbackVerbs: """
            call, call me, call me back, ring me, phone me, get back to me, contact me, \
            give me a ring, give me a call, ring me back, phone me back, \
            come out, come over, come by, come round, come around, pop round, pop by, pay me a visit, \
            email me, e mail me, mail me, message me, text me, drop me an email, drop me a line, send me an email, \
            write to me
            """,
        reviewVerbs: "look into, look at, take a look, have a look, review, sort this out, sort it out, look over",
        recruiting: """
            vacancy, vacancies, job opening, job openings, job application, job offer, apply for a job, applying for \
            a job, hiring, recruiting, recruitment, recruiter, careers, internship, cv, resume, work for you, job \
            interview, support role, position as, a job as
            """,
        aboutTheService: """
            how does, at once, at the same time, simultaneously, phone number, telephone number, \
            widget, chat widget
            """,
        how: "how",
        channels: "by phone, by email, by e mail, via email, by mail, over the phone, via phone",
        products: """
                platform, your platform, software, your software, tool, your tool, product, solution, \
                our system, \
                admin panel, dashboard
            """,
        hours: "what time, until what time, opening hours, business hours, what hours, which hours, office hours",
        here: "here",
        otherSenses: """
            human resources, human error, human errors, human rights, human nature, human body, human race, \
            human trafficking, human readable, human verification, human check, human capital, \
            contact person, in person, per person, person per, each person, first person, third person, \
            missing person, agent of, travel agent, estate agent, real estate agent, insurance agent, \
            secret agent, user agent, booking agent, shipping agent, customs agent, ticket agent, \
            operator of, network operator, mobile operator, tour operator, cell operator, telecom operator, \
            my operator, our operator, machine operator, crane operator, forklift operator, operator error, \
            my agent, our agent, my travel agent, people who, people are, people have, \
            my colleague, my colleagues, my boss, my manager, my coworker, my co worker
            """,
        notAPersonBefore: """
            more, additional, extra, many, several, multiple, new, ai, virtual, automated, bot, travel, \
            estate, insurance, secret, user, booking, shipping, customs, mobile, network, tour, cell, \
            telecom, cable, crane, forklift, machine, missing, third, first, each, per, every, how many, \
            unlimited, max, maximum
            """,
        notAPersonAfter: """
            resources, error, errors, rights, limit, limits, seat, seats, license, licenses, licence, licences, \
            account, accounts, role, roles, permission, permissions, settings, setting, access, plan, plans, \
            dashboard, panel, app, view, mode, count, list, page, field, fee, fees, pricing, price, cost, \
            costs, name, id, number, numbers, portal, login, tool, tools, console, feature, features, option, \
            options, level, profile, profiles, data, invite, invites, slot, slots, capacity, hours, email, \
            phone, address, website, s, status, performance, report, reports, stats
            """,
        elseWords: "else, else s",
        contrast: "but, but rather, instead, rather",
        when: "when, what time, at what time, which hours, what hours, opening hours, open",
        why: "why, how come, why the hell",
        relatives: "who, that, whom, which, i, we, working",
        fillers: """
            please, pls, plz, pleease, now, right now, asap, immediately, hello, hi, hey, ok, okay, yes, \
            yeah, yep, stop, help, thanks, thank you, just, urgent, urgently, again, sir, real quick, \
            quickly, seriously, already, needed, required, ffs, omg, for god s sake, for gods sake, come on, \
            damn, still, hello there, hi there, so, well, i said, oh, \
            would be nice, would be great, would be good, would be appreciated, would be better, would help, \
            ideally, preferably, if possible, \
            it s urgent, its urgent, this is urgent, it is urgent
            """,
        objects: """
            this, it, me, my, ticket, case, issue, request, problem, complaint, call, chat, conversation, my ticket, \
            my case, my issue, to, \
            my complaint, my enquiry, my inquiry, my query, my request, my claim, my question, complaint, enquiry, \
            inquiry, query, claim
            """,
        discussVerbs: """
            discuss, go over, sort out, talk through, talk, speak, chat, talking, speaking, chatting, have a word, \
            go through
            """,
        topics: "about, regarding, concerning",
        takeOverVerbs: """
            take over, take this over, take it over, take over from here, step in, jump in, pick this up, \
            pick it up, \
            take it from here, take this from here, handle this, handle it, deal with this, deal with it
            """,
        origins: "from, of, at, in, on",
        organizations: """
            support, staff, team, your team, the team, support team, customer service, customer support, \
            customer care, billing, sales, tech support, technical support, help desk, helpdesk, service desk, \
            company, office, department, management, accounts, \
            billing department, returns department, accounts department, complaints department, technical team, \
            returns, complaints, accounting, tech team, it department, it support, operations, \
            technical department, tech department, technical service, service department, \
            finance, finance team, finance department, accounting department, sales department, commercial team, \
            service team, \
            front desk, reception, secretariat, school office, maintenance
            """,
        qualifiables: "assistant, assistants, helper",
        comparisons: "than, instead of, as opposed to, compared to, compared with",
        oneOf: "one of your, one of the, one of",
        only: "only, only a, only an",
        modelVetoes: """
                already, yesterday, last week, money, transfer money, send money, add, invite, remove, \
                transfer from
            """,
        knownWords: """
            advises, analysts, arent, beater, came, charting, chime, collaborate, collaborative, collaborator, \
            collaborators, collage, college, colleges, congested, consent, consequent, constant, constants, \
            consular, consulate, consult, contract, contractor, demanded, elder, elmer, employers, employs, gene, \
            genre, havent, heller, karen, keto, lever, liver, manages, operate, operates, operative, parker, parlor, \
            parsons, passage, prefers, referee, reference, reich, rejecting, responsible, resting, roach, rouge, \
            serge, socialist, socialists, specialises, stiff, stuff, superior, superiors, supervise, taking, \
            transverse, volvo, \
            whether or not
            """
    )
}
