use super::*;
use proptest::prelude::*;

fn same_as_chrono(s: &str) {
    let chrono_date = s.parse::<NaiveDate>().map_err(|e| e.to_string());
    assert_eq!(
        date(s).map_err(|e| e.to_string()),
        chrono_date,
        "date {s:?}"
    );
    let chrono_time = s.parse::<NaiveTime>().map_err(|e| e.to_string());
    assert_eq!(
        time(s).map_err(|e| e.to_string()),
        chrono_time,
        "time {s:?}"
    );
}

#[test]
fn dates_and_times_read_as_chrono_reads_them() {
    for s in [
        "2025-12-25",
        "2025-02-29",
        "2024-02-29",
        "2025-13-01",
        "2025-00-10",
        "2025-01-32",
        "25-1-2",
        "12345-01-01",
        "+12345-01-01",
        "-0044-03-15",
        "+",
        "-",
        "",
        " ",
        "2025",
        "2025-",
        "2025-01",
        "2025-01-",
        " 2025 - 01 - 05 ",
        "2025-01-05x",
        "2025/01/05",
        "+999999999999999999999-01-01",
        "+2147483648-01-01",
        "+262143-01-01",
        "2025-1-5",
        "09:00",
        "9:5",
        "24:00",
        "23:60",
        "23:59:60",
        "23:59:61",
        "09:00:30",
        "09:00:30.5",
        "09:00:30.123456789123",
        "09:00:30.",
        "09:00:30.x",
        "09:00:",
        "09:00 ",
        " 09 : 00 ",
        "09:00:30 x",
        "09:00x",
        "09",
        "09:",
        ":00",
        "0900",
        "09:00:3",
        "09:00:30.5 ",
        "１２:00",
        "09\u{3000}:00",
        "09:00\u{a0}",
        "2025-01-05\u{2003}",
    ] {
        same_as_chrono(s);
    }
}

proptest! {
    #[test]
    fn any_text_of_digits_and_separators_reads_as_chrono_reads_it(
        s in "[0-9 :.+\\-x]{0,16}"
    ) {
        same_as_chrono(&s);
    }

    #[test]
    fn dates_and_times_near_their_shape_read_as_chrono_reads_them(
        s in "[ +\\-]?[0-9]{1,6}[ ]?[-:][ ]?[0-9]{1,3}[ ]?[-:]?[ ]?[0-9]{0,3}(\\.[0-9]{0,11})?[ x]?"
    ) {
        same_as_chrono(&s);
    }
}

#[test]
fn json_reads_as_chrono_reads_it() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Mine {
        #[serde(deserialize_with = "de_time")]
        t: NaiveTime,
        #[serde(deserialize_with = "de_dates")]
        d: Vec<NaiveDate>,
        #[serde(default, deserialize_with = "de_optional_date")]
        o: Option<NaiveDate>,
    }
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Chrono {
        t: NaiveTime,
        d: Vec<NaiveDate>,
        #[serde(default)]
        o: Option<NaiveDate>,
    }
    for json in [
        r#"{"t": "09:00", "d": ["2025-12-25"], "o": "2025-01-01"}"#,
        r#"{"t": "09:00", "d": [], "o": null}"#,
        r#"{"t": "09:00", "d": []}"#,
        r#"{"t": 9, "d": []}"#,
        r#"{"t": "25:00", "d": []}"#,
        r#"{"t": "09:00", "d": "2025-12-25"}"#,
        r#"{"t": "09:00", "d": ["2025-02-30"]}"#,
        r#"{"t": "09:00", "d": [20251225]}"#,
        r#"{"t": "09:00", "d": [], "o": 5}"#,
        r#"{"t": "09:00", "d": [], "o": "soon"}"#,
    ] {
        let mine = serde_json::from_str::<Mine>(json).map_err(|e| e.to_string());
        let chrono = serde_json::from_str::<Chrono>(json).map_err(|e| e.to_string());
        let mine = mine.map(|m| (m.t, m.d, m.o));
        let chrono = chrono.map(|c| (c.t, c.d, c.o));
        assert_eq!(mine, chrono, "{json}");
    }
}
