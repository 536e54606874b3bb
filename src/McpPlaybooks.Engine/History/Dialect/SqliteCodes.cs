namespace McpPlaybooks.Engine.History.Dialect;

/// <summary>SQLite's primary result codes that the history tells apart, and the <see cref="StoreFailure"/> of each.</summary>
internal static class SqliteCodes
{
    public const int Permission = 3;
    public const int Busy = 5;
    public const int Locked = 6;
    public const int ReadOnly = 8;
    public const int IoError = 10;
    public const int Corrupt = 11;
    public const int Full = 13;
    public const int CantOpen = 14;
    public const int TooBig = 18;
    public const int Constraint = 19;
    public const int Mismatch = 20;
    public const int Range = 25;
    public const int NotADatabase = 26;

    /// <summary>The primary code of an extended one (SQLITE_CONSTRAINT_UNIQUE is 2067, primary 19).</summary>
    public static int Primary(int code) => code & 0xFF;

    public static StoreFailure Classify(int code) => Primary(code) switch
    {
        Constraint or TooBig or Mismatch or Range => StoreFailure.Data,
        Busy or Locked => StoreFailure.Busy,
        Full or ReadOnly or CantOpen or Permission or IoError => StoreFailure.Storage,
        Corrupt or NotADatabase => StoreFailure.Damaged,
        _ => StoreFailure.Other,
    };
}
