package yardstick;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** One page listing one table: the least an application on this stack does. */
@SpringBootApplication
@Controller
public class Yardstick {

	private final JdbcClient jdbc;

	Yardstick(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@GetMapping("/")
	String home(Model model) {
		List<Map<String, Object>> rows = this.jdbc.sql("select id, name from item order by id").query().listOfRows();
		model.addAttribute("rows", rows);
		return "home";
	}

	public static void main(String[] args) {
		SpringApplication.run(Yardstick.class, args);
	}

}
