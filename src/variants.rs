//! Field-less enums whose `ALL` list names every variant by construction:
//! the enum and its list are written from one list of variants, so a new
//! variant cannot be left out of menus, pickers or tables that walk `ALL`.

/// Declares a field-less enum and `ALL`, its variants in declaration order.
/// ```ignore
/// with_all! {
///     #[derive(Clone, Copy)]
///     pub enum Tone { Low, High }
/// }
/// assert_eq!(Tone::ALL.len(), 2);
/// ```
#[macro_export]
macro_rules! with_all {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident { $( $(#[$vmeta:meta])* $variant:ident ),* $(,)? }
    ) => {
        $(#[$meta])*
        $vis enum $name { $( $(#[$vmeta])* $variant ),* }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: [$name; [$(stringify!($variant)),*].len()] = [$($name::$variant),*];
        }
    };
}

#[cfg(test)]
mod tests {
    crate::with_all! {
        #[derive(Clone, Copy, Debug, PartialEq)]
        enum Tone {
            Low,
            /// documented
            High,
        }
    }

    #[test]
    fn all_lists_every_variant_in_order() {
        assert_eq!(Tone::ALL, [Tone::Low, Tone::High]);
        // Each variant's index is its place in ALL (an exhaustive match: a new variant breaks the build here).
        for (i, t) in Tone::ALL.iter().enumerate() {
            let index = match t {
                Tone::Low => 0,
                Tone::High => 1,
            };
            assert_eq!(index, i);
        }
    }
}
