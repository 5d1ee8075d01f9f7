// Free the port before bootRun (or run) starts the app.
val freePort by tasks.registering(Exec::class) {
    commandLine("freeport", "8080", "--yes", "--quiet")
}
tasks.named("bootRun") { dependsOn(freePort) }
