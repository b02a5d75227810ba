package io.dakehu;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Dakehu: key account management for B2B sales teams.
 */
@SpringBootApplication
public class DakehuApplication {

	public static void main(String[] args) {
		SpringApplication.run(DakehuApplication.class, args);
	}

}
