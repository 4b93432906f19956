/// One answer a radio group or a select offers.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub disabled: bool,
    /// A link shown after the hint, as (label, URL): e.g. how to get a choice that is disabled.
    pub link: Option<(String, String)>,
}
