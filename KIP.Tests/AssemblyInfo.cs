[assembly: KIP.Tests.Infrastructure.FailOnBrowserProblems]
