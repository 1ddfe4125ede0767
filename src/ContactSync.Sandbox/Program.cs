var app = WebApplication.CreateBuilder(args).Build();
app.MapGet("/", () => "ContactSync Sandbox");
app.Run();
