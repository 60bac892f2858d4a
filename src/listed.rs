//! Enums whose list of variants cannot miss one: [`listed_enum!`] declares
//! a data-less enum together with `ALL` (every variant, in declaration
//! order) and `NAMES` (each variant's identifier), generated from the same
//! tokens, so a variant added to the enum is in both lists by construction.

/// Declares a data-less enum with `pub const ALL: [Self; N]` and
/// `pub const NAMES: [&str; N]` (the identifiers, as serde's derive writes
/// them), both in declaration order. Attributes and doc comments on the enum
/// and its variants are kept.
macro_rules! listed_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            /// Every variant, in declaration order (generated with the enum).
            pub const ALL: [$name; [$(stringify!($variant)),+].len()] = [$($name::$variant),+];
            /// The identifier of each variant of [`Self::ALL`], in the same order.
            pub const NAMES: [&'static str; [$(stringify!($variant)),+].len()] = [$(stringify!($variant)),+];

            /// The position of the variant in [`Self::ALL`].
            pub const fn index(self) -> usize {
                self as usize
            }
        }
    };
}

pub(crate) use listed_enum;

#[cfg(test)]
mod tests {
    listed_enum! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Fruit {
            /// Doc comments stay on the variants.
            Apple,
            Pear,
            Plum,
        }
    }

    #[test]
    fn all_and_names_follow_the_declaration() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::Pear, Fruit::Plum]);
        assert_eq!(Fruit::NAMES, ["Apple", "Pear", "Plum"]);
        for (i, f) in Fruit::ALL.into_iter().enumerate() {
            assert_eq!(f.index(), i);
            assert_eq!(format!("{f:?}"), Fruit::NAMES[i]);
        }
    }
}
