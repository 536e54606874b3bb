using McpPlaybooks.Benchmarks;

return args.FirstOrDefault() switch
{
    "mutate" => MutationRun.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: McpPlaybooks.Benchmarks <command> [arguments]");
    Console.Error.WriteLine("  mutate [COUNT] [FIRST-SEED]   validate COUNT mutated playbooks (default 20000) and print the totals");
    return 2;
}
