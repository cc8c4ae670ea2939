import HelpDeskCore
import HelpDeskStore

extension WebApp.SettingsPage {
    /// The business calendar: the time zone, each weekday's ranges and the
    /// holidays. `app.js` adds and removes rows and reads them back into
    /// `calendar` for `PUT /api/v1/settings`.
    static func calendarFields(_ calendar: BusinessCalendar) -> WebApp.HTML {
        let days = Weekday.allCases.map { day -> WebApp.HTML in
            let name = dayName(day)
            let ranges = calendar.weekly[day].map { rangeRow($0.start.description, $0.endText, dayName: name) }
            return """
                <div class="calendar-day" data-day="\(day)"><span class="calendar-day-name">\(name)</span>
                <div class="calendar-ranges">\(ranges)</div>
                <button type="button" class="button-quiet calendar-add-range">Add range<span class="visually-hidden"> on \(name)</span></button>
                <span class="field-error" data-error-for="calendar.weekly.\(day)"></span></div>
                """
        }
        let holidays = calendar.holidays.map(holidayRow)
        return """
            <fieldset class="group" id="calendar">
            <legend>Business calendar</legend>
            <p class="hint">While the team is open, the widget offers a person and a customer who asks for one is told \
            someone is coming; otherwise they get the auto-reply. SLA targets count open time only. A range whose end is at \
            or before its start runs past midnight (22:00–06:00); 24:00 is the end of the day; a day without ranges is closed.</p>
            <div class="field field-grow"><label for="cal-timezone">Time zone</label>
            <input type="text" id="cal-timezone" name="calendar.timeZone" value="\(calendar.timeZone)" list="timezones" autocomplete="off" spellcheck="false" placeholder="Europe/Berlin" required>
            <datalist id="timezones"></datalist>
            <span class="hint">An IANA name such as Europe/Berlin or America/New_York.</span>
            <span class="field-error" data-error-for="calendar.timeZone"></span></div>
            <div class="calendar-days" id="calendar-days">\(days)</div>
            <span class="field-error" data-error-for="calendar.weekly"></span>
            <h3 class="calendar-heading">Holidays</h3>
            <p class="hint">Closed all day. An auto-reply, when given, replaces the agent's usual one on that date.</p>
            <div class="calendar-holidays" id="calendar-holidays">\(holidays)</div>
            <button type="button" class="button-quiet" id="calendar-add-holiday">Add holiday</button>
            <span class="field-error" data-error-for="calendar.holidays"></span>
            <span class="field-error" data-error-for="calendar"></span>
            </fieldset>
            """
    }

    /// One opening range of a day; `app.js` builds the same markup for a new one.
    static func rangeRow(_ start: String, _ end: String, dayName: String) -> WebApp.HTML {
        """
        <div class="calendar-range"><input class="calendar-start" aria-label="\(dayName) opens at" value="\(start)" \
        placeholder="09:00" inputmode="numeric" pattern="[0-9]{2}:[0-9]{2}" size="5" required> – \
        <input class="calendar-end" aria-label="\(dayName) closes at" value="\(end)" placeholder="17:00" \
        inputmode="numeric" pattern="[0-9]{2}:[0-9]{2}" size="5" required> \
        <button type="button" class="button-quiet calendar-remove">Remove<span class="visually-hidden"> range</span></button></div>
        """
    }

    /// One holiday; `app.js` builds the same markup for a new one.
    static func holidayRow(_ holiday: Holiday) -> WebApp.HTML {
        """
        <div class="calendar-holiday"><input type="date" class="holiday-date" aria-label="Date" value="\(holiday.date.description)" required> \
        <input class="holiday-name" aria-label="Name" value="\(holiday.name)" placeholder="Christmas" required> \
        <input class="holiday-reply" aria-label="Auto-reply (optional)" value="\(holiday.autoReply ?? "")" placeholder="The usual auto-reply"> \
        <button type="button" class="button-quiet calendar-remove">Remove<span class="visually-hidden"> holiday</span></button>
        <span class="field-error holiday-error"></span></div>
        """
    }

    /// The SLA targets per priority, in minutes; an empty field is no target.
    static func slaFields(_ sla: SLAPolicy) -> WebApp.HTML {
        let rows = Priority.allCases.map { priority -> WebApp.HTML in
            let target = sla.targets[priority]
            let name = WebApp.Words.priority(priority)
            func cell(_ field: String, _ value: Int?, _ label: String) -> WebApp.HTML {
                let path = "sla.targets.\(priority.rawValue).\(field)"
                return """
                    <td class="field"><input type="number" min="1" max="\(SLAPolicy.minutesLimit)" step="1" \
                    name="\(path)" aria-label="\(name): \(label) (minutes)" value="\(value.map(String.init) ?? "")" \
                    placeholder="none"><span class="field-error" data-error-for="\(path)"></span></td>
                    """
            }
            return """
                <tr><th scope="row">\(name)</th>\(cell("firstResponseMinutes", target?.firstResponseMinutes, "first response"))\
                \(cell("resolutionMinutes", target?.resolutionMinutes, "resolution"))</tr>
                """
        }
        return """
            <fieldset class="group" id="sla">
            <legend>SLA targets</legend>
            <p class="hint">Minutes of open calendar time until the first reply and the resolution are due; leave a field \
            empty for no target. Time waiting on the customer does not count.</p>
            <table class="sla-targets"><thead><tr><th scope="col">Priority</th><th scope="col">First response</th>\
            <th scope="col">Resolution</th></tr></thead><tbody>\(rows)</tbody></table>
            <div class="field"><label for="sla-warning">Warn this many minutes before a target (0 for no warning)</label>
            <input type="number" id="sla-warning" name="sla.warningMinutes" min="0" max="\(SLAPolicy.minutesLimit)" step="1" value="\(sla.warningMinutes)" required>
            <span class="field-error" data-error-for="sla.warningMinutes"></span></div>
            <span class="field-error" data-error-for="sla"></span>
            </fieldset>
            """
    }

    static func dayName(_ day: Weekday) -> String {
        switch day {
        case .mon: "Monday"
        case .tue: "Tuesday"
        case .wed: "Wednesday"
        case .thu: "Thursday"
        case .fri: "Friday"
        case .sat: "Saturday"
        case .sun: "Sunday"
        }
    }
}
