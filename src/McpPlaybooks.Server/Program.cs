using McpPlaybooks.Server.Cli;

return await CliApplication.RunAsync(args, CliContext.FromConsole(), CancellationToken.None);
