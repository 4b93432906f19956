//! Suggesting help articles from what the customer types, in four languages.

mod common;

use case_core::suggest::{terms, Library, Query};
use serde_json::json;

fn library() -> Library {
    let text =
        |en: &str, ja: &str, ko: &str, zh: &str| json!({ "en": en, "ja": ja, "ko": ko, "zh": zh });
    Library::from_json(
        &json!({ "articles": [
            {
                "id": "billed-twice", "url": "https://example.com/billed-twice",
                "title": text("Why was I billed twice?", "二重に請求された場合", "이중으로 청구된 경우", "为什么被重复扣费"),
                "summary": text("Duplicate charges on one invoice, and how to get one refunded.", "1 つの請求書に同じ料金が 2 回載っているとき。", "청구서 하나에 같은 요금이 두 번 있을 때.", "同一张账单上出现两次相同费用时。"),
                "services": ["billing"], "categories": ["invoice"],
                "keywords": { "en": ["duplicate charge", "charged twice"], "ja": ["請求書", "二重請求"], "ko": ["청구서", "이중 청구"], "zh": ["账单", "重复扣费"] }
            },
            {
                "id": "ssh-after-reboot", "url": "https://example.com/ssh",
                "title": text("Can't connect to an instance after a reboot", "再起動後にインスタンスに接続できない", "재부팅 후 인스턴스에 접속할 수 없음", "重启后无法连接实例"),
                "summary": text("SSH or RDP stops answering after a restart.", "再起動後に SSH や RDP が応答しない。", "재시작 후 SSH나 RDP가 응답하지 않을 때.", "重启后 SSH 或 RDP 无响应。"),
                "services": ["ec2"], "categories": ["connectivity"],
                "keywords": { "en": ["ssh", "unreachable"], "ja": ["SSH", "接続"], "ko": ["SSH", "재부팅", "접속"], "zh": ["SSH", "连接"] }
            },
            {
                "id": "s3-access-denied", "url": "https://example.com/s3",
                "title": text("S3 returns 403 Access Denied", "S3 で 403 Access Denied になる", "S3에서 403 Access Denied 발생", "S3 返回 403 Access Denied"),
                "summary": text("Bucket policies and permissions that refuse a request.", "リクエストを拒否するバケットポリシーと権限。", "요청을 거부하는 버킷 정책과 권한.", "拒绝请求的存储桶策略和权限。"),
                "services": ["s3"], "categories": ["access-denied"],
                "keywords": { "en": ["forbidden", "permission"], "ja": ["アクセス拒否"], "ko": ["권한"], "zh": ["权限"] }
            },
            {
                "id": "ec2-status-check", "url": "https://example.com/status",
                "title": text("An instance fails its status check", "インスタンスのステータスチェックが失敗する", "인스턴스 상태 검사 실패", "实例状态检查失败"),
                "summary": text("What a failed system or instance status check means.", "ステータスチェックの失敗の意味。", "상태 검사 실패의 의미.", "状态检查失败的含义。"),
                "services": ["ec2"], "categories": ["instance-issue"],
                "keywords": { "en": ["status check"], "ja": ["ステータスチェック"], "ko": ["상태 검사"], "zh": ["状态检查"] }
            }
        ]})
        .to_string(),
    )
    .unwrap()
}

fn ids(library: &Library, text: &str, service: &str, category: &str) -> Vec<String> {
    library
        .suggest(&Query {
            text,
            service,
            category,
        })
        .into_iter()
        .map(|a| a.id.clone())
        .collect()
}

#[test]
fn simple_english_word_forms_meet() {
    let stems = |s: &str| terms(s);
    assert_eq!(stems("charge"), stems("charged"));
    assert_eq!(stems("charges"), stems("charging"));
    assert_eq!(stems("instances"), stems("instance"));
    assert_eq!(stems("access"), ["access"]);
    assert_eq!(stems("The bill is for my account"), ["bill", "account"]);
}

#[test]
fn korean_endings_and_doubled_consonants_come_off() {
    assert_eq!(terms("연결이"), terms("연결"));
    assert_eq!(terms("삭제했는데"), terms("삭제"));
    assert_eq!(terms("dropped"), terms("drop"));
    assert_eq!(terms("policies"), terms("policy"));
}

#[test]
fn text_without_spaces_becomes_character_pairs_and_mixed_scripts_split() {
    assert_eq!(terms("請求書"), ["請求", "求書"]);
    assert_eq!(
        terms("EC2インスタンス"),
        ["ec2", "イン", "ンス", "スタ", "タン", "ンス"]
    );
    // 후 (after) alone is no term: a lone Korean syllable is too common to go on.
    assert_eq!(terms("재부팅 후"), ["재부", "부팅"]);
}

#[test]
fn a_japanese_customer_billed_twice_on_an_invoice_sees_the_billing_article() {
    let l = library();
    assert_eq!(
        ids(&l, "請求書で同じ料金が二重に請求されています", "", "")[0],
        "billed-twice"
    );
}

#[test]
fn a_korean_customer_typing_about_ssh_after_a_reboot_sees_the_instance_connection_article() {
    let l = library();
    assert_eq!(
        ids(&l, "재부팅 후 SSH 접속이 안 됩니다", "", "")[0],
        "ssh-after-reboot"
    );
}

#[test]
fn chinese_and_english_find_their_articles() {
    let l = library();
    assert_eq!(ids(&l, "为什么账单上重复扣费", "", "")[0], "billed-twice");
    assert_eq!(
        ids(&l, "I was charged twice for the same invoice", "", "")[0],
        "billed-twice"
    );
    assert_eq!(
        ids(&l, "Getting 403 forbidden from my bucket", "", "")[0],
        "s3-access-denied"
    );
}

#[test]
fn the_chosen_service_and_category_lift_their_articles() {
    // Among as many articles as the shipped ones, "connect" is in the titles of instance and
    // database articles alike: the chosen service decides.
    let aws = shipped("aws");
    assert_eq!(
        ids(&aws, "cannot connect", "rds", "connectivity")[0],
        "rds-cannot-connect"
    );
    assert!(ids(&aws, "cannot connect", "ec2", "connectivity")[0].starts_with("ec2-"));
    assert!(ids(&aws, "cannot connect", "", "").is_empty());
}

#[test]
fn text_about_nothing_in_the_articles_suggests_nothing() {
    let l = library();
    assert!(ids(&l, "hello there", "", "").is_empty());
    assert!(ids(&l, "", "ec2", "connectivity").is_empty());
    assert!(ids(&l, "the a of", "", "").is_empty());
}

/// Each text, typed against the shipped AWS articles, is shown none.
fn assert_nothing_suggested(texts: &[&str]) {
    let aws = shipped("aws");
    for text in texts {
        assert!(ids(&aws, text, "", "").is_empty(), "{text}");
    }
}

fn shipped(name: &str) -> Library {
    let path = format!(
        "{}/../public/catalog/articles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    Library::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn the_shipped_articles_are_many_in_four_languages_and_name_only_the_catalogs_services() {
    for (name, least) in [("aws", 40), ("akamai", 15)] {
        let library = shipped(name);
        let catalog = common::catalog(name);
        assert!(
            library.articles.len() >= least,
            "{name}: {}",
            library.articles.len()
        );
        for a in &library.articles {
            for lang in ["en", "ja", "ko", "zh"] {
                assert!(
                    a.title.0.contains_key(lang) && a.summary.0.contains_key(lang),
                    "{}: {lang}",
                    a.id
                );
                assert!(
                    a.keywords.get(lang).is_some_and(|k| !k.is_empty()),
                    "{}: {lang}",
                    a.id
                );
            }
            assert!(a.url.starts_with("https://"), "{}", a.id);
            for s in &a.services {
                assert!(catalog.service(s).is_some(), "{}: {s}", a.id);
            }
        }
    }
}

#[test]
fn in_the_shipped_articles_each_language_finds_its_article() {
    let aws = shipped("aws");
    let first = |text: &str, service: &str| {
        aws.suggest(&Query {
            text,
            service,
            category: "",
        })
        .first()
        .map(|a| a.id.clone())
        .unwrap_or_default()
    };
    assert_eq!(
        first("請求書で同じ料金が二重に請求されています", ""),
        "billing-duplicate-charge"
    );
    assert_eq!(
        first("재부팅 후 SSH 접속이 안 됩니다", ""),
        "ec2-ssh-after-reboot"
    );
    assert_eq!(
        first("I was charged twice on my invoice", "billing"),
        "billing-duplicate-charge"
    );
    assert_eq!(first("账单上重复扣费了", ""), "billing-duplicate-charge");
}

#[test]
fn a_korean_customer_saying_status_check_in_everyday_words_sees_the_status_check_article() {
    // Customers write 상태 확인 ("status check") where the console says 상태 검사.
    let aws = shipped("aws");
    let found = aws.suggest(&Query {
        text: "인스턴스 상태 확인 실패\n09:10(UTC)부터 웹 계층 인스턴스가 상태 확인에 실패합니다.",
        service: "ec2",
        category: "instance-issue",
    });
    assert_eq!(found[0].id, "ec2-status-check-failed");
}

#[test]
fn grammar_and_courtesies_are_no_terms_and_joined_error_codes_split() {
    assert_eq!(terms("請求がです"), ["請求"]);
    assert_eq!(terms("失敗しています"), terms("失敗する"));
    assert_eq!(terms("감사합니다 함수가"), ["함수"]);
    assert_eq!(terms("谢谢你们的账单"), ["账单"]);
    assert_eq!(terms("Thanks, please help"), Vec::<String>::new());
    assert_eq!(terms("AccessDenied"), terms("access denied"));
    assert_eq!(terms("vCPU limit"), ["vcpu", "limit"]);
}

#[test]
fn in_the_shipped_articles_a_message_about_nothing_they_cover_suggests_nothing() {
    assert_nothing_suggested(&[
        "Thanks for your help yesterday, everything works now",
        "テスト件名 テストの説明です",
        "谢谢你们昨天的帮助，问题已经解决了",
        "어제 도와주셔서 감사합니다 문제 해결되었습니다",
    ]);
}

#[test]
fn a_second_article_is_shown_only_when_it_matches_about_as_well_as_the_first() {
    let l = library();
    // Both titles say instance; only one is about its status check.
    assert_eq!(
        ids(&l, "instance status check failed", "", ""),
        ["ec2-status-check"]
    );
}

#[test]
fn one_word_shared_with_an_article_is_not_enough_to_show_it() {
    // Each shares one word with a single article's title or keywords (developer, 与信, 网站).
    assert_nothing_suggested(&[
        "We're hosting a developer meetup in Lyon in March and would love a speaker. Who should I contact?",
        "与信審査のため、御社の資本金と設立年月日を教えてください。",
        "你们的文档网站在国内打开特别慢，图片都加载不出来，能不能改进一下",
    ]);
    // Two words of the article are.
    assert_eq!(
        ids(&shipped("akamai"), "fast purge", "", "")[0],
        "akamai-fast-purge"
    );
}

#[test]
fn chinese_characters_found_in_overlapping_pairs_count_as_one_word_per_two_pairs() {
    let aws = shipped("aws");
    // 个时 and 时间 are one word, time; 营业执照 is not asked about in any article.
    assert!(ids(
        &aws,
        "你好，能不能约个时间开个会，讨论一下明年的采购计划",
        "",
        ""
    )
    .is_empty());
    // 根用户 and 密码: two words, however many pairs.
    assert_eq!(
        ids(&aws, "忘记根用户密码了", "", "")[0],
        "account-reset-root-password"
    );
}

#[test]
fn a_lone_korean_syllable_is_no_term() {
    // A negation, a unit of time and a particle: each is in some article's words.
    assert!(!terms("콘솔에 로그인이 안 돼요").contains(&"안".to_owned()));
    assert_eq!(terms("월 분 로"), Vec::<String>::new());
    assert_nothing_suggested(&[
        "다음 달 서울에서 열리는 EC2 입문 교육 프로그램 일정과 수강료가 궁금합니다.",
    ]);
}
