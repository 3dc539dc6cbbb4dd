package dev.smsauth.audit;

/** Who caused an audit event. */
public enum ActorType {

	/** A signed-in person (an administrator in the console, or someone at the sign-in pages). */
	USER,
	/** An application with its own token (the management API's client_credentials grant). */
	CLIENT,
	/** The server itself, outside any request (bootstrap data). */
	SYSTEM,
	/** A request from someone not signed in (e.g. a refused password). */
	ANONYMOUS

}
