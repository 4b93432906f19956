//! Phone numbers checked as the phone network sees them (libphonenumber's metadata), so the
//! stored case carries a number that can be dialled, beside the one the customer typed.

use case_core::validate::fold_width;
use phonenumber::{country, Mode};

/// The number in E.164 form (`+81312345678`), or `None` when it is not a valid number of
/// `region` (an ISO 3166 code such as `JP`). Full-width digits, spaces and dashes are fine.
pub fn to_e164(region: &str, typed: &str) -> Option<String> {
    let region: country::Id = region.parse().ok()?;
    let number = phonenumber::parse(Some(region), fold_width(typed)).ok()?;
    phonenumber::is_valid(&number).then(|| number.format().mode(Mode::E164).to_string())
}

#[cfg(test)]
mod tests {
    use super::to_e164;

    #[test]
    fn numbers_are_read_as_people_type_them_in_their_country() {
        assert_eq!(
            to_e164("JP", "03-1234-5678").as_deref(),
            Some("+81312345678")
        );
        assert_eq!(
            to_e164("JP", "０９０－１２３４－５６７８").as_deref(),
            Some("+819012345678")
        );
        assert_eq!(
            to_e164("US", "(415) 555-0132").as_deref(),
            Some("+14155550132")
        );
        assert_eq!(to_e164("KR", "02-312-3456").as_deref(), Some("+8223123456"));
        assert_eq!(
            to_e164("CN", "+86 139 1234 5678").as_deref(),
            Some("+8613912345678")
        );
    }

    #[test]
    fn numbers_that_cannot_exist_in_the_country_are_refused() {
        assert_eq!(to_e164("JP", "03-1234"), None);
        assert_eq!(to_e164("US", "555-0132"), None);
        assert_eq!(to_e164("XX", "03-1234-5678"), None);
        assert_eq!(to_e164("JP", "not a number"), None);
    }
}
