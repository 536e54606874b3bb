namespace McpPlaybooks.Engine.Definitions;

public enum InputType
{
    String,
    Number,
    Integer,
    Boolean,
    Array,
    Object,
}
