namespace McpPlaybooks.Engine.Validation;

/// <summary>
/// The stable codes of every diagnostic. A code never changes meaning once published:
/// errors are PB0xxx, warnings (lints) are PB1xxx. docs/validation.md lists them all.
/// </summary>
public static class DiagnosticCodes
{
    // Reading the document.
    public const string YamlSyntax = "PB0001";
    public const string NotAMapping = "PB0002";
    public const string DuplicateKey = "PB0003";
    public const string DocumentTooLarge = "PB0004";
    public const string FileUnreadable = "PB0005";

    // Structure, from the JSON Schema.
    public const string UnknownKey = "PB0010";
    public const string MissingKey = "PB0011";
    public const string WrongType = "PB0012";
    public const string ValueNotAllowed = "PB0013";
    public const string SchemaViolation = "PB0014";

    // Values.
    public const string InvalidDuration = "PB0020";
    public const string InvalidRegex = "PB0021";
    public const string OutOfRange = "PB0022";
    public const string InputDefaultMismatch = "PB0023";
    public const string InputKeywordMisplaced = "PB0024";
    public const string UnsupportedRegex = "PB0025";

    // Steps and the DAG.
    public const string DuplicateStepId = "PB0100";
    public const string UnknownNeed = "PB0101";
    public const string DependencyCycle = "PB0102";
    public const string UnknownAction = "PB0103";
    public const string UnknownParameter = "PB0104";
    public const string MissingParameter = "PB0105";
    public const string ParameterType = "PB0106";
    public const string ConflictingParameters = "PB0107";

    // Expressions.
    public const string ExpressionSyntax = "PB0110";
    public const string UnknownInput = "PB0111";
    public const string UnknownVariable = "PB0112";
    public const string UnknownStep = "PB0113";
    public const string StepNotUpstream = "PB0114";
    public const string UnknownRoot = "PB0115";
    public const string LoopVariableOutsideLoop = "PB0116";
    public const string UnknownStepField = "PB0117";
    public const string ConditionIsText = "PB0118";

    // Shell steps.
    public const string ProgramFromTemplate = "PB0120";
    public const string LoaderVariableFromTemplate = "PB0121";

    // Lints.
    public const string RealShell = "PB1001";
    public const string DestructiveWithoutRollback = "PB1002";
    public const string NoTimeout = "PB1003";
    public const string ApprovalWithoutApprovers = "PB1004";
    public const string ConstantCondition = "PB1005";
    public const string UnusedInput = "PB1006";
    public const string SecretNotSet = "PB1007";
    public const string SecretInputDefault = "PB1008";
    public const string ChildPlaybookCycle = "PB1009";
}
