namespace McpPlaybooks.Engine.Schema;

/// <summary>What a value breaks in the playbook schema (<see cref="SchemaChecker"/>).</summary>
internal enum SchemaErrorKind
{
    StringExpected,
    NumberExpected,
    IntegerExpected,
    BooleanExpected,
    ObjectExpected,
    ArrayExpected,
    NoTypeValidates,
    NotInEnumeration,
    PatternMismatch,
    StringTooShort,
    StringTooLong,
    NumberTooSmall,
    NumberTooBig,
    TooFewItems,
    TooManyItems,
    ItemsNotUnique,
    TooFewProperties,
    TooManyProperties,
    PropertyRequired,
    NoAdditionalPropertiesAllowed,
}
