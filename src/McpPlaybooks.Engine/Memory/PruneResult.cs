namespace McpPlaybooks.Engine.Memory;

/// <summary>What <see cref="LearningMemory.PruneAsync"/> deleted: the step attempts and log lines of that many finished executions.</summary>
public sealed record PruneResult(int Executions, int Attempts, int Logs);
