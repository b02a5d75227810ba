package io.dakehu.pages;

import java.util.concurrent.atomic.AtomicInteger;

import io.dakehu.identity.UserAdministration;
import io.dakehu.support.H2IntegrationTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The unfiltered list answers its total from per-owner tallies; after creating,
 * archiving, restoring and handing over accounts, that total must still equal a plain
 * count of the rows the reader may see.
 */
@H2IntegrationTest
class AccountTotalsTests {

	private static final AtomicInteger SEQUENCE = new AtomicInteger(1000);

	@Autowired
	MockMvc mvc;

	@Autowired
	UserAdministration administration;

	@Autowired
	JdbcClient jdbc;

	@Test
	void unfilteredTotalsMatchTheRowsAfterEveryKindOfChange() throws Exception {
		// The company-wide totals as they stand before: the shared database holds other
		// tests' accounts, some written straight into the table, so the administrator's
		// totals are checked by how far each change moves them.
		long[] adminBefore = { listTotal("admin", false) - visibleRows("admin", false),
				listTotal("admin", true) - visibleRows("admin", true) };
		String alice = kam();
		String bob = kam();
		long a1 = create(alice, "[]");
		long a2 = create(alice, "[]");
		long a3 = create(alice, "[\"" + bob + "\"]");
		long b1 = create(bob, "[]");
		archive(a1);
		this.mvc
			.perform(post("/accounts/" + a1 + "/restore").with(user("admin").roles("ADMIN"))
				.with(io.dakehu.support.PageCsrf.csrf()))
			.andExpect(status().is3xxRedirection());
		archive(a2);
		handOver(b1, alice);

		for (String reader : new String[] { "admin", alice, bob }) {
			for (boolean archived : new boolean[] { false, true }) {
				long offset = reader.equals("admin") ? adminBefore[archived ? 1 : 0] : 0;
				assertThat(listTotal(reader, archived)).as("%s archived=%s", reader, archived)
					.isEqualTo(visibleRows(reader, archived) + offset);
			}
		}
		// Independently of the SQL above: alice owns a1, a3, b1 active and a2 archived;
		// bob sees a3 through the team.
		assertThat(listTotal(alice, false)).isEqualTo(3);
		assertThat(listTotal(alice, true)).isEqualTo(1);
		assertThat(listTotal(bob, false)).isEqualTo(1);
		assertThat(a3).isPositive();
	}

	private long visibleRows(String reader, boolean archived) {
		if ("admin".equals(reader)) {
			// The list holds owned accounts; the pool's have their own list.
			return this.jdbc.sql("select count(*) from account where archived = :a and owner_id is not null")
				.param("a", archived)
				.query(Long.class)
				.single();
		}
		return this.jdbc.sql("""
				select count(*) from account a join app_user u on u.username = :r
				where a.archived = :a and (a.owner_id = u.id or exists (select 1 from account_team_member m
				      where m.account_id = a.id and m.user_id = u.id))""")
			.param("r", reader)
			.param("a", archived)
			.query(Long.class)
			.single();
	}

	private long listTotal(String reader, boolean archived) throws Exception {
		String json = this.mvc
			.perform(get("/api/v1/accounts").param("archived", String.valueOf(archived))
				.with(user(reader).roles("admin".equals(reader) ? "ADMIN" : "KAM")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		String marker = "\"totalElements\":";
		int start = json.indexOf(marker) + marker.length();
		int end = start;
		while (Character.isDigit(json.charAt(end))) {
			end++;
		}
		return Long.parseLong(json.substring(start, end));
	}

	private long create(String owner, String team) throws Exception {
		String location = this.mvc
			.perform(post("/api/v1/accounts").with(user("admin").roles("ADMIN"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"Tally " + SEQUENCE.incrementAndGet() + "\",\"owner\":\"" + owner + "\",\"team\":"
						+ team + "}"))
			.andExpect(status().isCreated())
			.andReturn()
			.getResponse()
			.getHeader("Location");
		return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
	}

	private void archive(long id) throws Exception {
		this.mvc.perform(delete("/api/v1/accounts/" + id).with(user("admin").roles("ADMIN")))
			.andExpect(status().isNoContent());
	}

	private void handOver(long id, String owner) throws Exception {
		int version = this.jdbc.sql("select version from account where id = :id")
			.param("id", id)
			.query(Integer.class)
			.single();
		String name = this.jdbc.sql("select name from account where id = :id")
			.param("id", id)
			.query(String.class)
			.single();
		this.mvc
			.perform(put("/api/v1/accounts/" + id).with(user("admin").roles("ADMIN"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"" + name + "\",\"owner\":\"" + owner + "\",\"version\":" + version + "}"))
			.andExpect(status().isOk());
	}

	private String kam() {
		return PageFixtures.kam(this.administration, "tally");
	}

}
