package dev.smsauth.mysql;

/**
 * Two auth-server nodes on one fresh MariaDB database, started one after the other as a rolling
 * start would (the second finds Flyway's work done), and torn down with the database.
 */
final class Cluster implements AutoCloseable {

	private final String database;

	private Node node1;

	private final Node node2;

	private Cluster(String database, Node node1, Node node2) {
		this.database = database;
		this.node1 = node1;
		this.node2 = node2;
	}

	static Cluster start() {
		String database = MariaDb.freshDatabase();
		return new Cluster(database, Node.start(database, 0), Node.start(database, 0));
	}

	Node node1() {
		return node1;
	}

	Node node2() {
		return node2;
	}

	/** Stops node 1 and starts it again on the same port, as a crash-and-restart would. */
	void restartNode1() {
		int port = node1.port();
		node1.close();
		node1 = Node.start(database, port);
	}

	@Override
	public void close() {
		try {
			node1.close();
			node2.close();
		}
		finally {
			MariaDb.drop(database);
		}
	}

}
